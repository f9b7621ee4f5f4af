package accounts

import (
	"context"
	"fmt"
	"testing"

	"acmedesk/backend/acmetest"
)

// BenchmarkRegister: create an account (with a new P-384 key) and register it at a local Pebble.
func BenchmarkRegister(b *testing.B) {
	e := newEnv(b, acmetest.Options{})
	i := 0
	for b.Loop() {
		e.registered(fmt.Sprintf("bench %d", i))
		i++
	}
}

// BenchmarkRefreshAll1000 refreshes 1,000 registered accounts, one at a time and
// with the bounded concurrency of the UI's "Refresh all".
func BenchmarkRefreshAll1000(b *testing.B) {
	e := newEnv(b, acmetest.Options{})
	for i := range 1000 {
		e.registered(fmt.Sprintf("account %d", i))
	}
	for _, concurrency := range []int{1, 8} {
		b.Run(fmt.Sprintf("concurrency=%d", concurrency), func(b *testing.B) {
			for b.Loop() {
				res, err := e.svc.RefreshAll(context.Background(), concurrency)
				if err != nil || len(res) != 1000 {
					b.Fatal(len(res), err)
				}
				for _, r := range res {
					if r.Error != nil {
						b.Fatal(r.Error.Message)
					}
				}
			}
		})
	}
}
