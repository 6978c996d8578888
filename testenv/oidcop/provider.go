// Package oidcop runs a real OpenID provider on loopback for tests: zitadel/oidc's example
// provider (its OP package, in-memory storage and username-and-password login page), with the
// users and the client a test gives it.
package oidcop

import (
	"net"
	"net/http"
	"testing"

	"github.com/zitadel/oidc/v3/example/server/exampleop"
	"github.com/zitadel/oidc/v3/example/server/storage"
	"golang.org/x/text/language"
)

// Password is every test user's password at the provider.
const Password = "verysecure"

// User is a person known to the provider.
type User struct {
	ID, Username, First, Last, Email string
	EmailVerified                    bool
}

// Provider is the running provider.
type Provider struct {
	Issuer  string
	users   userStore
	clients map[string]*storage.Client
}

// New starts a provider on a loopback port, stopped when the test ends.
func New(t testing.TB) *Provider {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("oidcop: listen: %v", err)
	}
	p := &Provider{Issuer: "http://" + l.Addr().String(), users: userStore{}, clients: map[string]*storage.Client{}}
	router := exampleop.SetupServer(p.Issuer, storage.NewStorageWithClients(p.users, p.clients), nil, false)
	srv := &http.Server{Handler: router}
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	return p
}

// AddClient registers a confidential web client (client_secret_basic) that may send the
// browser back to redirectURI. Call it before the client's first request.
func (p *Provider) AddClient(id, secret, redirectURI string) {
	p.clients[id] = storage.WebClient(id, secret, redirectURI)
}

// AddUser makes u known to the provider. Call it before u signs in.
func (p *Provider) AddUser(u User) {
	p.users[u.ID] = &storage.User{ID: u.ID, Username: u.Username, Password: Password, FirstName: u.First, LastName: u.Last,
		Email: u.Email, EmailVerified: u.EmailVerified, PreferredLanguage: language.English}
}

// userStore is the provider's directory of users, by id.
type userStore map[string]*storage.User

func (u userStore) GetUserByID(id string) *storage.User { return u[id] }

func (u userStore) GetUserByUsername(username string) *storage.User {
	for _, v := range u {
		if v.Username == username {
			return v
		}
	}
	return nil
}

func (u userStore) ExampleClientID() string { return storage.ServiceUserID }
