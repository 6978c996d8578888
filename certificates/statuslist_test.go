package certificates

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"

	"tandem/keys"
)

func TestEncodeStatusList(t *testing.T) {
	revoked := []int{0, 7, 8, 94567, 131071}
	enc, err := EncodeStatusList(revoked, 0)
	if err != nil {
		t.Fatal(err)
	}
	if enc[0] != 'u' {
		t.Fatalf("encodedList %q lacks the multibase base64url prefix 'u'", enc[:8])
	}
	if strings.ContainsAny(enc, "+/=") {
		t.Error("encodedList is not unpadded base64url")
	}
	// Undo it by hand: base64url, then GZIP (RFC 1952 magic 1f 8b).
	compressed, err := base64.RawURLEncoding.DecodeString(enc[1:])
	if err != nil {
		t.Fatal(err)
	}
	if compressed[0] != 0x1f || compressed[1] != 0x8b {
		t.Fatalf("not GZIP: % x", compressed[:2])
	}
	zr, err := gzip.NewReader(bytes.NewReader(compressed))
	if err != nil {
		t.Fatal(err)
	}
	bits, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if len(bits) != 16384 {
		t.Fatalf("bitstring of %d bytes, want 16KB", len(bits))
	}
	// Index 0 is the left-most bit of the first byte.
	if bits[0] != 0b1000_0001 || bits[1] != 0b1000_0000 || bits[94567/8] != 0x80>>(94567%8) || bits[16383] != 0b0000_0001 {
		t.Errorf("bits: %08b %08b ... %08b ... %08b", bits[0], bits[1], bits[94567/8], bits[16383])
	}
	var set int
	for _, b := range bits {
		for ; b != 0; b &= b - 1 {
			set++
		}
	}
	if set != len(revoked) {
		t.Errorf("%d bits set, want %d", set, len(revoked))
	}

	decoded, err := DecodeStatusList(enc)
	if err != nil || !bytes.Equal(decoded, bits) {
		t.Fatalf("DecodeStatusList: %v", err)
	}
	for i := range 131072 {
		on, err := StatusAt(decoded, i)
		want := i == 0 || i == 7 || i == 8 || i == 94567 || i == 131071
		if err != nil || on != want {
			t.Fatalf("StatusAt(%d) = %v, %v", i, on, err)
		}
	}
	if _, err := StatusAt(decoded, 131072); err == nil {
		t.Error("StatusAt past the end")
	}
	again, _ := EncodeStatusList([]int{131071, 94567, 8, 7, 0}, 131072)
	if again != enc {
		t.Error("the same revocations encode differently")
	}
}

func TestEncodeStatusListSizes(t *testing.T) {
	for _, tc := range []struct{ size, bytes int }{{0, 16384}, {131072, 16384}, {131073, 16385}, {200000, 25000}} {
		enc, err := EncodeStatusList(nil, tc.size)
		if err != nil {
			t.Fatal(err)
		}
		bits, err := DecodeStatusList(enc)
		if err != nil || len(bits) != tc.bytes {
			t.Errorf("size %d: %d bytes, %v; want %d", tc.size, len(bits), err, tc.bytes)
		}
	}
	for _, bad := range [][]int{{-1}, {131072}} {
		if _, err := EncodeStatusList(bad, 131072); err == nil {
			t.Errorf("revoked %v accepted", bad)
		}
	}
}

func TestDecodeStatusList(t *testing.T) {
	// The encodedList of Example 3 in the Bitstring Status List recommendation: 16KB of zeros.
	bits, err := DecodeStatusList("uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA")
	if err != nil || len(bits) != 16384 || bytes.Count(bits, []byte{0}) != 16384 {
		t.Fatalf("spec example: %d bytes, %v", len(bits), err)
	}
	short := func() string {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(make([]byte, 1024))
		zw.Close()
		return "u" + base64.RawURLEncoding.EncodeToString(buf.Bytes())
	}()
	good, _ := EncodeStatusList(nil, 0)
	for name, s := range map[string]string{
		"empty":            "",
		"no prefix":        good[1:],
		"base58 prefix":    "z" + good[1:],
		"padded base64":    good + "==",
		"not gzip":         "u" + base64.RawURLEncoding.EncodeToString([]byte("hello, world")),
		"shorter than 16K": short,
	} {
		if _, err := DecodeStatusList(s); err == nil {
			t.Errorf("%s: decoded", name)
		}
	}
}

func TestStatusListCredential(t *testing.T) {
	enc, _ := EncodeStatusList([]int{94567}, 0)
	at := time.Date(2026, 5, 1, 12, 0, 0, 500, time.UTC)
	c := StatusListCredential("https://tandem.example.org", "org1", "European Society of Anaesthesiology", "1", enc, at)
	b, _ := json.Marshal(c)
	for _, want := range []string{
		`"@context":["https://www.w3.org/ns/credentials/v2"]`,
		`"id":"https://tandem.example.org/api/v1/issuers/org1/status/1"`,
		`"type":["VerifiableCredential","BitstringStatusListCredential"]`,
		`"validFrom":"2026-05-01T12:00:00Z"`,
		`"validUntil":"2026-05-02T12:00:00Z"`,
		`"credentialSubject":{"id":"https://tandem.example.org/api/v1/issuers/org1/status/1#list","statusPurpose":"revocation","encodedList":"` + enc + `","ttl":300000,"type":"BitstringStatusList"}`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("status list credential lacks %s:\n%s", want, b)
		}
	}

	// The certificate's Bitstring credentialStatus points at this list.
	in := testIssue(at)
	in.StatusMethod = StatusBitstring
	cert, _ := NewCredential(in)
	if cert.CredentialStatus.StatusListCredential != c.ID {
		t.Errorf("certificate points at %s, list is %s", cert.CredentialStatus.StatusListCredential, c.ID)
	}

	key := rsaKey(t, "k1")
	c = StatusListCredential("https://tandem.example.org", "org1", "European Society of Anaesthesiology", "1", enc, time.Now().Add(-time.Minute))
	tok, err := SignVCJWT(c, key)
	if err != nil {
		t.Fatal(err)
	}
	got, err := VerifyVCJWT(tok, keys.PublicJWKS([]keys.Key{key}))
	if err != nil {
		t.Fatal(err)
	}
	bits, err := DecodeStatusList(got.CredentialSubject.EncodedList)
	if err != nil {
		t.Fatal(err)
	}
	if revoked, _ := StatusAt(bits, 94567); !revoked {
		t.Error("index 94567 is not revoked in the signed list")
	}
}
