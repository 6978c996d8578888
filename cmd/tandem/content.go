package main

import (
	"errors"
	"io"
)

func contentCheck(out io.Writer, args []string) error {
	return errors.New("content check is not available yet")
}

func importGIFT(out io.Writer, args []string) error {
	return errors.New("import-gift is not available yet")
}
