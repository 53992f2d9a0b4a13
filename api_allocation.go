package piecesos

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
)

// AllocationAPIService AllocationAPI service: snapshot and update of a user's cloud
// allocation. See docs/AllocationAPI.md.
type AllocationAPIService service

var (
	opAllocationSnapshot = operation{
		name:     "AllocationSnapshot",
		endpoint: "AllocationAPIService.AllocationSnapshot",
		method:   http.MethodGet,
		read:     true,
		accept:   headerAcceptJSONText,
	}
	opAllocationUpdate = operation{
		name:     "AllocationUpdate",
		endpoint: "AllocationAPIService.AllocationUpdate",
		method:   http.MethodPost,
		accept:   headerAcceptJSONText,
	}
	headerAcceptJSONText = []string{"application/json, text/plain"}
)

// ApiAllocationSnapshotRequest is the request builder of AllocationSnapshot.
type ApiAllocationSnapshotRequest struct {
	ctx        context.Context
	ApiService *AllocationAPIService
	allocation string
}

// Execute sends the request; see AllocationAPIService.AllocationSnapshot.
func (r ApiAllocationSnapshotRequest) Execute() (*AllocationCloud, *http.Response, error) {
	return r.ApiService.AllocationSnapshotExecute(r)
}

// AllocationSnapshot /allocation/{allocation} [GET]
//
// This will get a snapshot of a specific allocation.
//
// Statuses: 200 returns the *AllocationCloud; 410 (Cloud not found.) returns a
// *GenericOpenAPIError that unwraps to *CloudNotFoundError (errors.Is(err, ErrCloudNotFound)).
// An empty id, "." or ".." is a *ValidationError before any I/O. See docs/AllocationAPI.md.
//
//	@param ctx context.Context - for authentication, logging, cancellation, deadlines, tracing, etc. Passed from http.Request or context.Background().
//	@param allocation the id of the allocation (path-escaped)
//	@return ApiAllocationSnapshotRequest
func (a *AllocationAPIService) AllocationSnapshot(ctx context.Context, allocation string) ApiAllocationSnapshotRequest {
	return ApiAllocationSnapshotRequest{
		ApiService: a,
		ctx:        ctx,
		allocation: allocation,
	}
}

// AllocationSnapshotExecute executes the request
//
//	@return AllocationCloud
func (a *AllocationAPIService) AllocationSnapshotExecute(r ApiAllocationSnapshotRequest) (*AllocationCloud, *http.Response, error) {
	op := &opAllocationSnapshot
	if err := checkPathParam(op, "allocation", r.allocation); err != nil {
		return nil, nil, err
	}
	out := new(AllocationCloud)
	resp, err := a.client.do(r.ctx, op, "/allocation/"+url.PathEscape(r.allocation), "", nil, out)
	if err != nil {
		return nil, resp, err
	}
	return out, resp, nil
}

// ApiAllocationUpdateRequest is the request builder of AllocationUpdate.
type ApiAllocationUpdateRequest struct {
	ctx             context.Context
	ApiService      *AllocationAPIService
	allocationCloud *AllocationCloud
}

// AllocationCloud sets the body of the update. Without it the request has no body.
func (r ApiAllocationUpdateRequest) AllocationCloud(allocationCloud AllocationCloud) ApiAllocationUpdateRequest {
	r.allocationCloud = &allocationCloud
	return r
}

// Execute sends the request; see AllocationAPIService.AllocationUpdate.
func (r ApiAllocationUpdateRequest) Execute() (*AllocationCloud, *http.Response, error) {
	return r.ApiService.AllocationUpdateExecute(r)
}

// AllocationUpdate /allocation/update [POST]
//
// This will update a specific allocation.
//
// Statuses: 200 returns the updated *AllocationCloud; 500 returns a *GenericOpenAPIError that
// unwraps to *InternalServerError (ErrInternalServerError); 504 (Gateway Timeout, request
// timed out.) one that unwraps to *GatewayTimeoutError (ErrGatewayTimeout). Without
// .AllocationCloud(...) no body is sent. See docs/AllocationAPI.md.
//
//	@param ctx context.Context - for authentication, logging, cancellation, deadlines, tracing, etc. Passed from http.Request or context.Background().
//	@return ApiAllocationUpdateRequest
func (a *AllocationAPIService) AllocationUpdate(ctx context.Context) ApiAllocationUpdateRequest {
	return ApiAllocationUpdateRequest{
		ApiService: a,
		ctx:        ctx,
	}
}

// AllocationUpdateExecute executes the request
//
//	@return AllocationCloud
func (a *AllocationAPIService) AllocationUpdateExecute(r ApiAllocationUpdateRequest) (*AllocationCloud, *http.Response, error) {
	op := &opAllocationUpdate
	var body []byte
	if r.allocationCloud != nil {
		var err error
		if body, err = encodeBody(op, r.allocationCloud); err != nil {
			return nil, nil, err
		}
	}
	out := new(AllocationCloud)
	resp, err := a.client.do(r.ctx, op, "/allocation/update", "", body, out)
	if err != nil {
		return nil, resp, err
	}
	return out, resp, nil
}

// checkPathParam refuses path parameters that would change the path's meaning.
func checkPathParam(op *operation, name, v string) error {
	switch v {
	case "":
		return &ValidationError{Operation: op.name, Param: name, Reason: "must not be empty"}
	case ".", "..":
		return &ValidationError{Operation: op.name, Param: name, Reason: "must not be " + strconv.Quote(v)}
	}
	return nil
}
