package keys

import (
	"context"
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"fmt"
	"sync"
	"time"

	"tandem/models"
)

// Algorithms a key can be made for.
const (
	EdDSA = "EdDSA"
	RS256 = "RS256"
)

// Store is what the ring needs from the database.
type Store interface {
	SigningKeys(ctx context.Context, purpose string) ([]models.SigningKey, error)
	AddActiveSigningKey(ctx context.Context, k *models.SigningKey) error
	RotateSigningKey(ctx context.Context, actorID string, k *models.SigningKey) error
}

// Key is an unsealed key pair.
type Key struct {
	ID        string
	Algorithm string
	Public    crypto.PublicKey
	Private   crypto.Signer
	Active    bool
	CreatedAt time.Time
	// FragmentKid says the key also signed with a kid naming it by a fragment of a JWKS URL.
	FragmentKid bool
}

// Ring loads, creates and caches keys per purpose. Purposes are strings such as "access" or
// "issuer:<organisation id>:EdDSA".
type Ring struct {
	store  Store
	sealer *Sealer

	mu     sync.RWMutex
	byPurp map[string][]Key
}

// NewRing returns a ring over store, sealing private keys with sealer.
func NewRing(store Store, sealer *Sealer) *Ring {
	return &Ring{store: store, sealer: sealer, byPurp: map[string][]Key{}}
}

// Signing returns the active key for purpose, creating one of algorithm alg if there is none.
// When two servers create one at once, the database keeps one and both use it.
func (r *Ring) Signing(ctx context.Context, purpose, alg string) (Key, error) {
	for range 3 {
		keys, err := r.Keys(ctx, purpose)
		if err != nil {
			return Key{}, err
		}
		for _, k := range keys {
			if k.Active {
				return k, nil
			}
		}
		if err := r.create(ctx, purpose, alg); err != nil && !errors.Is(err, models.ErrConflict) {
			return Key{}, err
		}
		r.forget(purpose)
	}
	return Key{}, fmt.Errorf("no active %s key after creating one", purpose)
}

// Keys returns every key of purpose, newest first, from the cache or the database.
func (r *Ring) Keys(ctx context.Context, purpose string) ([]Key, error) {
	r.mu.RLock()
	keys, ok := r.byPurp[purpose]
	r.mu.RUnlock()
	if ok {
		return keys, nil
	}
	return r.Reload(ctx, purpose)
}

// Reload reads purpose's keys from the database again (a key made by another server appears).
func (r *Ring) Reload(ctx context.Context, purpose string) ([]Key, error) {
	rows, err := r.store.SigningKeys(ctx, purpose)
	if err != nil {
		return nil, err
	}
	keys := make([]Key, 0, len(rows))
	for _, row := range rows {
		k, err := r.unseal(row)
		if err != nil {
			return nil, fmt.Errorf("key %s: %w", row.ID, err)
		}
		keys = append(keys, k)
	}
	r.mu.Lock()
	r.byPurp[purpose] = keys
	r.mu.Unlock()
	return keys, nil
}

func (r *Ring) forget(purpose string) {
	r.mu.Lock()
	delete(r.byPurp, purpose)
	r.mu.Unlock()
}

// Rotate makes a new key of algorithm alg the active one for purpose; the old key is retired
// but stays published, so whatever it signed still verifies.
func (r *Ring) Rotate(ctx context.Context, actorID, purpose, alg string) (Key, error) {
	row, err := r.newRow(purpose, alg)
	if err != nil {
		return Key{}, err
	}
	if err := r.store.RotateSigningKey(ctx, actorID, row); err != nil {
		return Key{}, err
	}
	r.forget(purpose)
	return r.Signing(ctx, purpose, alg)
}

func (r *Ring) create(ctx context.Context, purpose, alg string) error {
	row, err := r.newRow(purpose, alg)
	if err != nil {
		return err
	}
	return r.store.AddActiveSigningKey(ctx, row)
}

// newRow generates a key pair and seals its private half.
func (r *Ring) newRow(purpose, alg string) (*models.SigningKey, error) {
	var (
		signer crypto.Signer
		err    error
	)
	switch alg {
	case EdDSA:
		_, signer, err = ed25519.GenerateKey(rand.Reader)
	case RS256:
		signer, err = rsa.GenerateKey(rand.Reader, 2048)
	default:
		return nil, fmt.Errorf("unknown key algorithm %q", alg)
	}
	if err != nil {
		return nil, err
	}
	pub, err := x509.MarshalPKIXPublicKey(signer.Public())
	if err != nil {
		return nil, err
	}
	priv, err := x509.MarshalPKCS8PrivateKey(signer)
	if err != nil {
		return nil, err
	}
	id := models.NewID()
	return &models.SigningKey{ID: id, Purpose: purpose, Algorithm: alg, PublicKey: pub, PrivateKey: r.sealer.Seal(priv, id)}, nil
}

func (r *Ring) unseal(row models.SigningKey) (Key, error) {
	pub, err := x509.ParsePKIXPublicKey(row.PublicKey)
	if err != nil {
		return Key{}, err
	}
	der, err := r.sealer.Open(row.PrivateKey, row.ID)
	if err != nil {
		return Key{}, err
	}
	priv, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		return Key{}, err
	}
	signer, ok := priv.(crypto.Signer)
	if !ok {
		return Key{}, errors.New("private key cannot sign")
	}
	return Key{ID: row.ID, Algorithm: row.Algorithm, Public: pub, Private: signer, Active: row.Active, CreatedAt: row.CreatedAt,
		FragmentKid: row.FragmentKid}, nil
}
