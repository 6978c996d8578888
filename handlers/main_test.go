package handlers_test

import (
	"testing"

	"tandem/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }
