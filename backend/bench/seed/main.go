// Command seed fills a fresh data folder with many records of each kind (keys,
// custom CAs, accounts, credentials) through the backend's own services, for
// scripts/bench-ui.sh to measure the window's lists against.
//
//	echo "$PASSPHRASE" | ACMEDESK_HOME=/dev/shm/bench go run -tags webkit2_41 ./backend/bench/seed -n 10000
//
// The vault is protected by the passphrase read from the first line of standard
// input (never an argument), so the folder opens in any session, keychain or not.
// Accounts are created, not registered: no CA is asked. It prints how long each
// kind took.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"acmedesk/backend/accounts"
	"acmedesk/backend/cas"
	"acmedesk/backend/core"
	"acmedesk/backend/credentials"
	"acmedesk/backend/datadir"
	"acmedesk/backend/keys"
	"acmedesk/backend/store"
	"acmedesk/backend/vault"
)

func main() {
	n := flag.Int("n", 10000, "how many records of each kind")
	flag.Parse()
	if err := run(*n); err != nil {
		fmt.Fprintln(os.Stderr, "seed:", err)
		os.Exit(1)
	}
}

func run(n int) error {
	if n < 1 {
		return fmt.Errorf("-n must be at least 1, not %d", n)
	}
	dir := os.Getenv(datadir.EnvHome)
	if dir == "" {
		// Never the user's own data folder, the default without ACMEDESK_HOME.
		return fmt.Errorf("set %s to a fresh folder", datadir.EnvHome)
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty: seed fills a fresh data folder only", dir)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	pass, err := bufio.NewReader(os.Stdin).ReadString('\n')
	pass = strings.TrimRight(pass, "\r\n")
	if pass == "" {
		return fmt.Errorf("give the vault passphrase on the first line of standard input (%v)", err)
	}
	if err := initVault(dir, pass); err != nil {
		return err
	}
	c, err := core.Open(dir, vault.SystemKeychain{})
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.Vault.Unlock(pass); err != nil {
		return err
	}
	ctx := context.Background()

	keyIDs := make([]string, n)
	if err := timed("keys", n, func(i int) error {
		k, err := c.Keys.Generate(ctx, fmt.Sprintf("Bench key %05d", i), "", keys.EC256)
		if err == nil {
			keyIDs[i] = k.ID
		}
		return err
	}); err != nil {
		return err
	}

	caIDs := make([]string, n)
	if err := timed("CAs", n, func(i int) error {
		env := cas.Production
		if i%3 == 0 {
			env = cas.Staging
		}
		ca, err := c.CAs.AddCustom(cas.CustomInput{
			Name:         fmt.Sprintf("Bench CA %05d", i),
			DirectoryURL: fmt.Sprintf("https://acme-%05d.ca.bench.example/directory", i),
			Environment:  env,
		})
		if err == nil {
			caIDs[i] = ca.ID
		}
		return err
	}); err != nil {
		return err
	}

	if err := timed("accounts", n, func(i int) error {
		_, err := c.Accounts.Create(ctx, accounts.NewInput{
			Name:     fmt.Sprintf("Bench account %05d", i),
			CAID:     caIDs[i],
			KeyID:    keyIDs[i],
			Contacts: []string{fmt.Sprintf("ops-%05d@team-%d.bench.example", i, i%50)},
		})
		return err
	}); err != nil {
		return err
	}

	return timed("credentials", n, func(i int) error {
		_, err := c.Credentials.Create(credentials.Input{
			Name:   fmt.Sprintf("Bench login %05d", i),
			Kind:   credentials.KindPassword,
			Tags:   []string{"bench", fmt.Sprintf("team-%d", i%50)},
			Values: map[string]string{"username": fmt.Sprintf("user%05d", i), "password": fmt.Sprintf("secret-%05d", i)},
		})
		return err
	})
}

// initVault creates the passphrase vault before core.Open, which would make a keychain vault.
func initVault(dir, pass string) error {
	if err := datadir.Prepare(dir); err != nil {
		return err
	}
	db, err := store.Open(filepath.Join(dir, store.FileName))
	if err != nil {
		return err
	}
	defer db.Close()
	return vault.New(db, vault.SystemKeychain{}).InitPassphrase(pass)
}

// timed runs add for 0..n-1 and prints how long it took.
func timed(kind string, n int, add func(i int) error) error {
	start := time.Now()
	for i := 0; i < n; i++ {
		if err := add(i); err != nil {
			return fmt.Errorf("%s %d: %w", kind, i, err)
		}
	}
	fmt.Printf("seeded %d %s in %s\n", n, kind, time.Since(start).Round(time.Millisecond))
	return nil
}
