package piecesos

import "encoding/json"

// AllocationCloud is a temporary stand-in until the codec branch lands.
type AllocationCloud struct {
	Id   string                 `json:"id"`
	Rest map[string]interface{} `json:"-"`
}

// UnmarshalJSON stand-in.
func (o *AllocationCloud) UnmarshalJSON(b []byte) error {
	type plain AllocationCloud
	if err := json.Unmarshal(b, (*plain)(o)); err != nil {
		return &DecodeError{Model: "AllocationCloud", Err: err}
	}
	return nil
}

func (o *AllocationCloud) appendJSON(dst []byte) ([]byte, error) {
	type plain AllocationCloud
	b, err := json.Marshal((*plain)(o))
	return append(dst, b...), err
}
