package machine

import "testing"

func TestParseStatus(t *testing.T) {
	const status = "Name:\ttandem\nVmPeak:\t 1234567 kB\nVmSize:\t 1200000 kB\nVmHWM:\t  153600 kB\nVmRSS:\t   98304 kB\nThreads:\t9\n"
	m, err := ParseStatus(status)
	if err != nil {
		t.Fatal(err)
	}
	if m.HWM != 153600 || m.RSS != 98304 {
		t.Errorf("ParseStatus = %+v, want HWM 153600 and RSS 98304", m)
	}
	if mb(m.HWM) != 150 {
		t.Errorf("mb(%d) = %v, want 150", m.HWM, mb(m.HWM))
	}
	if _, err := ParseStatus("Name:\tkthreadd\nThreads:\t1\n"); err == nil {
		t.Error("a status without memory lines parsed")
	}
}

func TestParsePgbench(t *testing.T) {
	const out = `pgbench (15.20 (Debian 15.20-0+deb12u1))
starting vacuum...end.
transaction type: <builtin: TPC-B (sort of)>
scaling factor: 1
query mode: simple
number of clients: 16
number of threads: 1
maximum number of tries: 1
duration: 20 s
number of transactions actually processed: 34123
number of failed transactions: 0 (0.000%)
latency average = 9.377 ms
initial connection time = 21.505 ms
tps = 1706.338520 (without initial connection time)
`
	tps, lat, err := ParsePgbench(out)
	if err != nil || tps != 1706.338520 || lat != 9.377 {
		t.Errorf("ParsePgbench = %v, %v, %v; want 1706.33852, 9.377, nil", tps, lat, err)
	}
	if _, _, err := ParsePgbench("connection to server failed"); err == nil {
		t.Error("output without a tps line parsed")
	}
}

func TestPgbenchArgs(t *testing.T) {
	args, pw, err := pgbenchArgs("postgres://bench:s3cret@127.0.0.1:5433/x?sslmode=disable")
	if err != nil || pw != "s3cret" {
		t.Fatalf("pgbenchArgs: %v, password %q", err, pw)
	}
	want := []string{"-h", "127.0.0.1", "-p", "5433", "-U", "bench"}
	if len(args) != len(want) {
		t.Fatalf("args = %q, want %q", args, want)
	}
	for i := range want {
		if args[i] != want[i] {
			t.Fatalf("args = %q, want %q", args, want)
		}
	}
}

func TestParseStatCPU(t *testing.T) {
	// utime 250 and stime 50 ticks; the command name holds a space and a parenthesis.
	const stat = "4242 (tandem (x) y) S 1 4242 4242 0 -1 4194560 1200 0 0 0 250 50 0 0 20 0 9 0 12345 1000000 2000 18446744073709551615"
	d, err := ParseStatCPU(stat)
	if err != nil || d.Seconds() != 3 {
		t.Errorf("ParseStatCPU = %v, %v; want 3s", d, err)
	}
	if _, err := ParseStatCPU("garbage"); err == nil {
		t.Error("garbage parsed")
	}
}
