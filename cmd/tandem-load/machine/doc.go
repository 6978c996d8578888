// Package machine measures what the machine under a load run can do on its own, so that the
// load tool's figures read as ratios measured side by side: bare gin serving the same bytes (in
// the tool's process and in a process of its own), pgbench's TPC-B-like run on the same
// PostgreSQL, and the memory and CPU of processes read from /proc. It also creates and drops the
// scratch databases runs use. It knows nothing of Tandem's API.
package machine
