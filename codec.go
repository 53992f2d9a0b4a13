package piecesos

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"sync"
	"time"

	"github.com/pieces-app/pieces-os-client-sdk-for-go/internal/jsonwire"
)

// The codec runtime shared by the generated models: the state of one decode (the reader, the
// decode slab), JSON paths for errors, and the buffers and helpers of encoding. It knows no
// model: the generated model_*.go files drive it, and the layout of the slab is generated
// (codec_gen.go).

// jpath is a JSON path kept on the stack while decoding: each nested value adds one element,
// a member name or (idx > 0) the array index idx-1. It is turned into a string only when an
// error is reported.
type jpath struct {
	up   *jpath
	name string
	idx  int
}

// joinPath returns the path of p followed by name (name may be empty): members are joined
// with dots, array indexes written in brackets ("urls.base.status", "items[3].id"). It copies
// bytes rather than keeping the strings, so that p does not escape: the jpath chain of a
// decode stays on the stack.
func joinPath(p *jpath, name string) string {
	// The size first, then the bytes from the end backwards. A member is preceded by a dot
	// unless it is the first element; an index never is.
	n := len(name) + 1
	for q := p; q != nil; q = q.up {
		if q.idx > 0 {
			n += 2 + digits(q.idx-1)
		} else {
			n += len(q.name) + 1
		}
	}
	b := make([]byte, n)
	i := n - len(name)
	copy(b[i:], name)
	member := name != "" // a member follows: it needs a dot before it
	for q := p; q != nil; q = q.up {
		if member {
			i--
			b[i] = '.'
		}
		if q.idx > 0 {
			i--
			b[i] = ']'
			for v := q.idx - 1; ; v /= 10 {
				i--
				b[i] = byte('0' + v%10)
				if v < 10 {
					break
				}
			}
			i--
			b[i] = '['
			member = false
			continue
		}
		i -= len(q.name)
		copy(b[i:], q.name)
		member = true
	}
	return string(b[i:])
}

// digits returns how many decimal digits v >= 0 has.
func digits(v int) int {
	d := 1
	for ; v >= 10; v /= 10 {
		d++
	}
	return d
}

// decodeState is the per-call state of a model decode: the reader and a lazily allocated
// slab that holds the optional values of the whole decoded tree in one allocation (its layout
// and the rule that sizes it are generated, see decodeSlab).
type decodeState struct {
	jsonwire.Decoder
	slab *decodeSlab
}

// getSlab returns the slab of this decode, allocating it at the first use.
func (s *decodeState) getSlab() *decodeSlab {
	if s.slab == nil {
		s.slab = new(decodeSlab)
	}
	return s.slab
}

// readTime reads an RFC 3339 date-time string into t, as time.Time.UnmarshalJSON does, and
// refuses what time.Time.MarshalJSON could not write back.
func (s *decodeState) readTime(t *time.Time) error {
	tok, err := s.ReadStringToken()
	if err == nil {
		err = t.UnmarshalJSON(tok)
	}
	if err == nil {
		err = jsonwire.CheckTime(*t)
	}
	return err
}

// fieldError wraps err, met while decoding the value at path p.name, into a *DecodeError.
// goType is the Go type the value was decoded into. An error that already is a *DecodeError
// (from a nested model) is returned as it is.
func fieldError(p *jpath, name string, err error, goType reflect.Type, offset int64) error {
	var de *DecodeError
	if errors.As(err, &de) {
		return err
	}
	path := joinPath(p, name)
	switch e := err.(type) {
	case *jsonwire.SyntaxError:
		offset = e.Offset
	case *jsonwire.TypeError:
		offset = e.Offset
		err = &json.UnmarshalTypeError{Value: e.Value, Type: goType, Offset: e.Offset, Field: path}
	}
	return &DecodeError{Path: path, Offset: offset, Err: err}
}

// requiredError reports the required property p.name as missing or null.
func requiredError(p *jpath, name string, offset int64) error {
	return &DecodeError{Path: joinPath(p, name), Offset: offset, Err: ErrRequiredPropertyMissing}
}

// finishDecodeError completes an error of a decode started at the top of model.
func finishDecodeError(err error, model string) error {
	de, ok := err.(*DecodeError)
	if !ok {
		// Invalid JSON found at the top level, after the value (Finish).
		de = &DecodeError{Err: err}
		if se, ok := err.(*jsonwire.SyntaxError); ok {
			de.Offset = se.Offset
		}
	}
	de.Model = model
	var te *json.UnmarshalTypeError
	if errors.As(de.Err, &te) && te.Struct == "" && te.Field != "" {
		te.Struct = model
	}
	return de
}

// fail completes the error of a decode of model that started at the top of the input.
func (s *decodeState) fail(err error, model string) error {
	var se *jsonwire.SyntaxError
	if !errors.As(err, &se) {
		// Like encoding/json, report invalid JSON before a wrong type or a missing
		// property: the first problem of a truncated body is that it is truncated.
		if verr := jsonwire.Validate(s.Input()); verr != nil {
			err = fieldError(nil, "", verr, nil, 0)
		}
	}
	return finishDecodeError(err, model)
}

// isJSONNull reports whether src is the JSON literal null, white space around it allowed.
func isJSONNull(src []byte) bool {
	return string(bytes.TrimSpace(src)) == "null"
}

// marshalBufSize is the size of the buffer on the stack that MarshalJSON encodes a model
// into before it returns an exact-size copy (the facts' sample takes 570 bytes). A larger
// encoding still works: append moves it to the heap.
const marshalBufSize = 1024

// exactCopy returns a copy of b in an allocation of exactly its size (make + copy: the memory
// is not cleared first), or the error.
func exactCopy(b []byte, err error) ([]byte, error) {
	if err != nil {
		return nil, err
	}
	out := make([]byte, len(b))
	copy(out, b)
	return out, nil
}

// encodeBuffers recycles the buffers that large models and request bodies are encoded into
// before they are copied out at their exact size.
var encodeBuffers = sync.Pool{New: func() interface{} {
	b := make([]byte, 0, 1024)
	return &b
}}

// maxPooledBuffer is the largest buffer put back in encodeBuffers: a rare huge body does not
// stay alive in the pool.
const maxPooledBuffer = 64 << 10

// getBuffer takes a buffer from encodeBuffers; putBuffer returns it with what was encoded
// into it (b, which may have grown) and returns an exact-size copy of b, or the error. The
// generated MarshalJSON calls them around appendJSON (a method value there would allocate).
func getBuffer() *[]byte { return encodeBuffers.Get().(*[]byte) }

func putBuffer(bp *[]byte, b []byte, err error) ([]byte, error) {
	out, err := exactCopy(b, err)
	if cap(b) <= maxPooledBuffer {
		*bp = b[:0]
		encodeBuffers.Put(bp)
	}
	return out, err
}

// closeObject finishes an object whose members were appended after start, each with a
// leading comma: the first comma becomes the opening brace.
//
//lint:ignore U1000 called by the generated codecs of models whose members are all optional
func closeObject(dst []byte, start int) []byte {
	if len(dst) == start {
		return append(dst, '{', '}')
	}
	dst[start] = '{'
	return append(dst, '}')
}

// appendAdditional writes the additional properties of a model after its known members, in
// sorted key order, each preceded by a comma. Keys the model knows are skipped: the field wins.
func appendAdditional(dst []byte, ap map[string]interface{}, known func(string) bool) ([]byte, error) {
	if len(ap) == 0 {
		return dst, nil
	}
	// The keys are sorted in a slice on the stack when there are few of them.
	var small [16]string
	keys := small[:0]
	for k := range ap {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var err error
	for _, k := range keys {
		if known(k) {
			continue
		}
		dst = append(dst, ',')
		dst = jsonwire.AppendString(dst, k)
		dst = append(dst, ':')
		if dst, err = jsonwire.AppendValue(dst, ap[k]); err != nil {
			return dst, err
		}
	}
	return dst, nil
}

// copyAdditional adds the additional properties of a model to its ToMap result, skipping the
// keys the model knows.
func copyAdditional(m map[string]interface{}, ap map[string]interface{}, known func(string) bool) {
	for k, v := range ap {
		if !known(k) {
			m[k] = v
		}
	}
}
