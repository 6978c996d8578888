package handlers

import (
	"context"
	_ "embed"
	"fmt"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
)

//go:embed openapi.yaml
var openapiYAML []byte

// openAPIJSON is the embedded OpenAPI document, validated and turned into JSON once per
// process: it never changes, and parsing it is the dearest step of building a server.
var openAPIJSON = sync.OnceValues(loadOpenAPI)

// loadOpenAPI loads and validates the embedded OpenAPI document and returns it as JSON.
func loadOpenAPI() ([]byte, error) {
	doc, err := openapi3.NewLoader().LoadFromData(openapiYAML)
	if err != nil {
		return nil, fmt.Errorf("openapi: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("openapi: %w", err)
	}
	return doc.MarshalJSON()
}
