package handlers

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
	"github.com/gin-gonic/gin/binding"
	"github.com/go-playground/validator/v10"

	"tandem/errs"
	"tandem/i18n"
	"tandem/locale"
	"tandem/models"
	"tandem/textinput"
)

type errorBody struct {
	Error errorPayload `json:"error"`
}

type errorPayload struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Details any    `json:"details,omitempty"`
}

// fail writes err as the JSON error of DESIGN.md. Client errors carry their own status; store
// sentinels map to 404, 409 and 503; anything else is a 500 whose cause is logged, never sent.
func fail(c *gin.Context, err error) {
	var e *errs.Error
	switch {
	case errors.As(err, &e):
	case errors.Is(err, models.ErrNotFound):
		e = errs.NotFound("Resource")
	case errors.Is(err, models.ErrConflict):
		e = errs.Conflict("conflict", "The request conflicts with the current state.")
	case errors.Is(err, models.ErrUnavailable):
		e = errs.New(http.StatusServiceUnavailable, "database_unavailable", "The database is unavailable. Please retry shortly.")
	default:
		e = errs.New(http.StatusInternalServerError, "internal_error", "Something went wrong on our side.")
		e.Cause = err
	}
	if e.Status >= 500 {
		logger(c).Error("request failed", slog.String("code", e.Code), slog.Any("err", err))
	}
	if e.Status == http.StatusTooManyRequests {
		if d, ok := e.Details.(map[string]any); ok {
			if secs, ok := d["retry_after_seconds"].(int); ok {
				c.Header("Retry-After", strconv.Itoa(secs))
			}
		}
	}
	e = i18n.Default().Error(locale.From(c.Request.Context()), e)
	c.AbortWithStatusJSON(e.Status, errorBody{Error: errorPayload{Code: e.Code, Message: e.Message, Details: e.Details}})
}

var registerTagName sync.Once

// bind decodes the JSON body into req and runs its binding tags: 413 for a body over the limit,
// 400 for malformed JSON, 422 with per-field details for wrong types and failed rules.
func bind(c *gin.Context, req any) error {
	registerTagName.Do(func() {
		if v, ok := binding.Validator.Engine().(*validator.Validate); ok {
			v.RegisterTagNameFunc(func(f reflect.StructField) string {
				name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
				if name == "-" {
					return ""
				}
				return name
			})
		}
	})
	var maxErr *http.MaxBytesError
	body, err := io.ReadAll(c.Request.Body)
	switch {
	case errors.As(err, &maxErr):
		return tooLarge()
	case err != nil:
		return errs.New(http.StatusBadRequest, "malformed_json", "The request body could not be read.")
	}
	if p := textinput.JSONProblem(body); p != "" {
		return invalidText("body", p)
	}
	err = binding.JSON.BindBody(body, req)
	if err == nil {
		return nil
	}
	var (
		synErr  *json.SyntaxError
		typeErr *json.UnmarshalTypeError
		valErrs validator.ValidationErrors
	)
	switch {
	case errors.As(err, &typeErr):
		return errs.Invalid(map[string]string{typeErr.Field: reason(c, "reason.type_"+jsonKind(typeErr.Type), nil)})
	case errors.As(err, &valErrs):
		fields := map[string]string{}
		for _, fe := range valErrs {
			fields[fieldPath(fe)] = ruleMessage(c, fe)
		}
		return errs.Invalid(fields)
	case errors.As(err, &synErr), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return errs.New(http.StatusBadRequest, "malformed_json", "The request body is not valid JSON.")
	}
	return errs.New(http.StatusBadRequest, "malformed_json", "The request body could not be read: "+err.Error())
}

func tooLarge() *errs.Error {
	return errs.New(http.StatusRequestEntityTooLarge, "body_too_large", "The request body is larger than 1 MiB.")
}

func fieldPath(fe validator.FieldError) string {
	ns := fe.Namespace()
	if i := strings.Index(ns, "."); i >= 0 {
		return ns[i+1:]
	}
	return fe.Field()
}

// ruleMessage words a failed binding rule in the request's language.
func ruleMessage(c *gin.Context, fe validator.FieldError) string {
	switch fe.Tag() {
	case "required", "email":
		return reason(c, "reason.rule_"+fe.Tag(), nil)
	case "min", "max":
		var limit any = fe.Param()
		if n, err := strconv.ParseFloat(fe.Param(), 64); err == nil {
			limit = n
		}
		return reason(c, "reason.rule_"+fe.Tag(), map[string]any{"Limit": limit})
	case "oneof":
		return reason(c, "reason.rule_oneof", map[string]any{"Choices": strings.Fields(fe.Param())})
	}
	return reason(c, "reason.rule_other", map[string]any{"Rule": fe.Tag()})
}

// reason renders a field reason in the request's language, placing values as it writes them.
func reason(c *gin.Context, id string, values map[string]any) string {
	return i18n.Default().Reason(locale.From(c.Request.Context()), id, values)
}

func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Slice, reflect.Array:
		return "list"
	case reflect.Map, reflect.Struct:
		return "object"
	case reflect.Float32, reflect.Float64, reflect.Int, reflect.Int64, reflect.Int32, reflect.Uint, reflect.Uint32, reflect.Uint64:
		return "number"
	}
	return "other"
}
