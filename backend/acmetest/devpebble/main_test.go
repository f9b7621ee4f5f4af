package main

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The command serves a directory that a client trusting the written root can read.
func TestServesDirectoryWithWrittenRoot(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "devpebble")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	root := filepath.Join(dir, "root.pem")
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-root", root, "-eab", "kid-1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := bufio.NewScanner(out)
	var url, eab string
	for (url == "" || eab == "") && lines.Scan() {
		if v, ok := strings.CutPrefix(lines.Text(), "directory: "); ok {
			url = v
		}
		if v, ok := strings.CutPrefix(lines.Text(), "eab: kid-1 "); ok {
			eab = v
		}
	}
	if url == "" || len(eab) < 40 {
		t.Fatalf("printed directory %q, eab %q", url, eab)
	}
	pem, err := os.ReadFile(root)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		t.Fatal("root file holds no certificate")
	}
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	resp, err := client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("directory answered %d", resp.StatusCode)
	}
}
