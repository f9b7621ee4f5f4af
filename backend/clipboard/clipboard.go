// Package clipboard puts secrets on the system clipboard for a short time:
// copied in Go (the webview's navigator.clipboard needs a user gesture that
// WebKitGTK does not always see), cleared after TTL, and cleared at shutdown,
// each time only if the clipboard still holds that secret (something copied
// since is left alone). The secret itself is not kept, only its hash.
package clipboard

import (
	"crypto/sha256"
	"sync"
	"time"
)

// TTL is how long a copied secret stays on the clipboard.
const TTL = 30 * time.Second

// Board is the system clipboard (Wails' runtime clipboard in the app).
type Board interface {
	GetText() (string, error)
	SetText(text string) error
}

// Guard copies secrets to a Board and takes them off again.
type Guard struct {
	board Board
	// after runs f once d has passed; returns a function that cancels it.
	after func(d time.Duration, f func()) (cancel func())

	mu     sync.Mutex
	held   *[sha256.Size]byte // the hash of the secret on the clipboard, if any
	cancel func()
}

// New returns a Guard over board that clears each secret after TTL.
func New(board Board) *Guard {
	return &Guard{board: board, after: func(d time.Duration, f func()) func() {
		t := time.AfterFunc(d, f)
		return func() { t.Stop() }
	}}
}

// CopySecret puts secret on the clipboard and arranges for it to be cleared after TTL.
func (g *Guard) CopySecret(secret string) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if err := g.board.SetText(secret); err != nil {
		return err
	}
	sum := sha256.Sum256([]byte(secret))
	g.held = &sum
	if g.cancel != nil {
		g.cancel()
	}
	g.cancel = g.after(TTL, g.Clear)
	return nil
}

// Clear empties the clipboard if it still holds the secret copied last; at
// shutdown, and when TTL has passed.
func (g *Guard) Clear() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.held == nil {
		return
	}
	if g.cancel != nil {
		g.cancel()
		g.cancel = nil
	}
	held := *g.held
	g.held = nil
	if now, err := g.board.GetText(); err == nil && sha256.Sum256([]byte(now)) == held {
		g.board.SetText("")
	}
}
