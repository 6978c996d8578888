package auth

import (
	"net/netip"
	"strings"
)

// clientNetwork is what the rate limits on a client address count against: an IPv4 address
// itself (an IPv4-mapped IPv6 address such as ::ffff:192.0.2.1 counts as its IPv4 address),
// and for IPv6 the /64 network, such as "2001:db8:1:2::/64". Every home line and cloud machine
// is given a whole /64, so counting single IPv6 addresses would let one client rotate through
// 2^64 of them past every limit. A string that is not an address is its own key, as given.
func clientNetwork(clientIP string) string {
	clientIP = strings.TrimSpace(clientIP)
	addr, err := netip.ParseAddr(clientIP)
	switch {
	case err != nil:
		return clientIP
	case addr.Is4() || addr.Is4In6():
		return addr.Unmap().String()
	}
	network, _ := addr.Prefix(64) // cannot fail: an IPv6 address has 128 bits
	return network.String()
}
