//go:build race

package piecesos_test

func init() { docsRace = true }
