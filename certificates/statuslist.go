package certificates

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"time"
)

// MinStatusListBits is the smallest status list: 16KB of bits (Bitstring Status List §2.2
// encodedList, §3.2 step 2 minimumNumberOfEntries = 131,072), so that one revoked credential hides
// among many.
const MinStatusListBits = 131072

// maxStatusListBytes bounds what DecodeStatusList inflates, so a hostile list cannot exhaust
// memory (16 MiB holds over 134 million entries).
const maxStatusListBytes = 16 << 20

// EncodeStatusList makes the encodedList of a revocation status list (Bitstring Status List §3.3
// Bitstring Generation Algorithm): a bitstring of size bits, raised to MinStatusListBits and to a
// whole number of bytes, with the bit at each revoked index set to 1; index 0 is the left-most
// (most significant) bit of the first byte (§2.2). The bitstring is GZIP-compressed (RFC 1952)
// and Multibase-encoded as base64url without padding, that is prefixed with 'u'.
func EncodeStatusList(revoked []int, size int) (string, error) {
	size = max(size, MinStatusListBits)
	bits := make([]byte, (size+7)/8)
	for _, i := range revoked {
		if i < 0 || i >= size {
			return "", fmt.Errorf("certificates: status index %d outside a list of %d", i, size)
		}
		bits[i/8] |= 0x80 >> (i % 8)
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return "", err
	}
	// The gzip header carries no name and a zero time, so the same list always encodes alike.
	if _, err := zw.Write(bits); err != nil {
		return "", err
	}
	if err := zw.Close(); err != nil {
		return "", err
	}
	return "u" + base64.RawURLEncoding.EncodeToString(buf.Bytes()), nil
}

// DecodeStatusList expands an encodedList back into its bitstring (Bitstring Status List §3.4
// Bitstring Expansion Algorithm). It fails on anything but a 'u' (base64url) multibase string,
// and on a list shorter than MinStatusListBits (§3.2 STATUS_LIST_LENGTH_ERROR).
func DecodeStatusList(s string) ([]byte, error) {
	if len(s) == 0 || s[0] != 'u' {
		return nil, errors.New("certificates: encodedList is not multibase base64url ('u')")
	}
	compressed, err := base64.RawURLEncoding.DecodeString(s[1:])
	if err != nil {
		return nil, fmt.Errorf("certificates: encodedList: %w", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(compressed))
	if err != nil {
		return nil, fmt.Errorf("certificates: encodedList: %w", err)
	}
	bits, err := io.ReadAll(io.LimitReader(zr, maxStatusListBytes+1))
	if err != nil {
		return nil, fmt.Errorf("certificates: encodedList: %w", err)
	}
	if len(bits) > maxStatusListBytes {
		return nil, errors.New("certificates: encodedList is too large")
	}
	if len(bits)*8 < MinStatusListBits {
		return nil, fmt.Errorf("certificates: status list has %d entries, fewer than %d", len(bits)*8, MinStatusListBits)
	}
	return bits, nil
}

// StatusAt reports whether the entry at index of a decoded status list is set (for a revocation
// list: revoked), using the bit order of Bitstring Status List §2.2.
func StatusAt(bits []byte, index int) (bool, error) {
	if index < 0 || index >= len(bits)*8 {
		return false, fmt.Errorf("certificates: status index %d outside a list of %d", index, len(bits)*8)
	}
	return bits[index/8]&(0x80>>(index%8)) != 0, nil
}

// How long a status list stays valid and may be cached. A verifier refetches it after
// StatusListTTL (Bitstring Status List §2.2 ttl) and must not use it after StatusListValidity
// (validUntil); it is generated afresh on every request.
const (
	StatusListTTL      = 5 * time.Minute
	StatusListValidity = 24 * time.Hour
)

// StatusListCredential builds the BitstringStatusListCredential (Bitstring Status List §2.2) that
// publishes an issuer's revocations at StatusListURL(baseURL, issuerID, listID), to be signed
// with SignVCJWT like the certificates it covers. issuerID is Tandem's id of the society;
// encoded comes from EncodeStatusList; validFrom is when the list was generated, and the list is
// valid for StatusListValidity from then.
func StatusListCredential(baseURL, issuerID, issuerName, listID string, encoded string, validFrom time.Time) Credential {
	id := StatusListURL(baseURL, issuerID, listID)
	from := validFrom.UTC().Truncate(time.Second)
	until := from.Add(StatusListValidity)
	return Credential{
		Context:    []string{ContextVC},
		ID:         id,
		Type:       []string{"VerifiableCredential", "BitstringStatusListCredential"},
		Issuer:     Profile{ID: ProfileURL(baseURL, issuerID), Name: issuerName},
		ValidFrom:  from,
		ValidUntil: &until,
		CredentialSubject: Subject{
			ID:            id + "#list",
			Type:          []string{statusListType},
			StatusPurpose: "revocation",
			EncodedList:   encoded,
			TTL:           StatusListTTL.Milliseconds(),
		},
	}
}
