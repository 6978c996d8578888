// Tandem web UI entry point.
