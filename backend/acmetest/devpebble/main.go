// Command devpebble runs the in-process test Pebble on a fixed local address,
// for the end-to-end tests and for trying ACME Desk by hand without a real CA.
//
//	go run ./backend/acmetest/devpebble -addr 127.0.0.1:14000 -root pebble-root.pem
//
// It prints the directory URL, writes the TLS root to trust to -root, and runs
// until interrupted. With -eab KID, Pebble requires EAB and KID's HMAC is printed.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"acmedesk/backend/acmetest"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:14000", "address to listen on")
	root := flag.String("root", "pebble-root.pem", "file to write the TLS root certificate to")
	eab := flag.String("eab", "", "require EAB and register this key ID")
	flag.Parse()

	s, err := acmetest.New(acmetest.Options{Addr: *addr, RequireEAB: *eab != ""})
	if err != nil {
		fmt.Fprintln(os.Stderr, "devpebble:", err)
		os.Exit(1)
	}
	defer s.Stop()
	if err := os.WriteFile(*root, s.RootPEM, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "devpebble:", err)
		os.Exit(1)
	}
	fmt.Println("directory:", s.URL)
	if *eab != "" {
		hmac, err := s.NewEAB(*eab)
		if err != nil {
			fmt.Fprintln(os.Stderr, "devpebble:", err)
			os.Exit(1)
		}
		fmt.Printf("eab: %s %s\n", *eab, hmac)
	}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
}
