module github.com/pieces-app/pieces-os-client-sdk-for-go

go 1.22

require (
	github.com/jarcoal/httpmock v1.4.2
	github.com/stretchr/testify v1.12.1
)

require go.yaml.in/yaml/v3 v3.0.5 // indirect
