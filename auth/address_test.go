package auth

import (
	"net/netip"
	"testing"
)

func TestClientNetwork(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"192.0.2.1", "192.0.2.1"},
		{" 192.0.2.1 ", "192.0.2.1"},
		{"::ffff:192.0.2.1", "192.0.2.1"},
		{"::FFFF:c000:0201", "192.0.2.1"},
		{"2001:db8:1:2::1", "2001:db8:1:2::/64"},
		{"2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"},
		{"2001:0DB8:0001:0002:0000:0000:0000:0abc", "2001:db8:1:2::/64"},
		{"2001:db8:1:3::1", "2001:db8:1:3::/64"},
		{"fe80::1%eth0", "fe80::/64"},
		{"::1", "::/64"},
		// Not addresses: each is its own key, as given (gin hands over none of these).
		{"", ""},
		{"unknown", "unknown"},
		{"192.0.2.1:443", "192.0.2.1:443"},
		{"2001:db8::/64", "2001:db8::/64"},
	} {
		if got := clientNetwork(tc.in); got != tc.want {
			t.Errorf("clientNetwork(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if a, b := clientNetwork("2001:db8:1:2::1"), clientNetwork("2001:db8:1:2:8000::9"); a != b {
		t.Errorf("one /64 gives two keys: %q, %q", a, b)
	}
	if a, b := clientNetwork("2001:db8:1:2::1"), clientNetwork("2001:db8:1:3::1"); a == b {
		t.Errorf("two /64s share the key %q", a)
	}
	if a, b := clientNetwork("192.0.2.1"), clientNetwork("192.0.2.2"); a == b {
		t.Errorf("two IPv4 addresses share the key %q", a)
	}
}

// FuzzClientNetwork: any input gives a key without panicking; an IPv4 address keeps its own
// key, and an IPv6 address gets the /64 that holds it.
func FuzzClientNetwork(f *testing.F) {
	for _, s := range []string{"192.0.2.1", "::ffff:192.0.2.1", "2001:db8:1:2::1", "fe80::1%eth0", "", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		key := clientNetwork(in)
		addr, err := netip.ParseAddr(in)
		switch {
		case err != nil:
			return
		case addr.Unmap().Is4():
			if key != addr.Unmap().String() {
				t.Fatalf("clientNetwork(%q) = %q, want the IPv4 address", in, key)
			}
		default:
			p, err := netip.ParsePrefix(key)
			if err != nil || p.Bits() != 64 || !p.Contains(addr.WithZone("")) {
				t.Fatalf("clientNetwork(%q) = %q, want the /64 holding it", in, key)
			}
		}
	})
}
