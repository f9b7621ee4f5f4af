// Package services is what the window's page calls: one bound service per
// concern (keys, CAs, accounts…), each method calling one backend operation.
// They share a Host, which holds the opened data and what the window lends
// them (native dialogs, the clipboard) through the Window interface, so this
// package never imports the Wails runtime.
package services

import (
	"context"
	"sync"
	"time"

	"acmedesk/backend/apperr"
	"acmedesk/backend/clipboard"
	"acmedesk/backend/core"
	"acmedesk/backend/vault"
)

// SaveDialog describes a native "save as" dialog.
type SaveDialog struct {
	Title            string
	DefaultDirectory string
	DefaultFilename  string
}

// Window is what the services need from the window: its native dialogs
// (each answers "" when the user cancelled) and the system clipboard.
type Window interface {
	clipboard.Board
	SaveFile(d SaveDialog) (string, error)
	OpenFile(title string) (string, error)
	OpenFolder(title string, canCreate bool) (string, error)
}

// Host is the state every service shares. Services hold it in an unexported
// field, never embedded: Wails binds every exported method of a bound
// struct, promoted ones included.
type Host struct {
	dataDir  string
	keychain vault.Keychain
	win      Window

	// ops is the context of every operation that talks to a CA: cancelled at
	// shutdown, so nothing outlives the window.
	ops     context.Context
	stopOps context.CancelFunc

	// ready is closed once Start has opened the data, or failed to.
	ready      chan struct{}
	openMu     sync.Mutex
	core       *core.Core
	startupErr error

	jobsMu sync.Mutex
	jobs   map[string]context.CancelFunc // running jobs (key generation, refresh all), by the page's job id

	clip *clipboard.Guard // secrets copied from the window
}

// NewHost returns the Host for dataDir; the data is opened by Start.
func NewHost(dataDir string, kc vault.Keychain, win Window) *Host {
	ops, stop := context.WithCancel(context.Background())
	return &Host{
		dataDir: dataDir, keychain: kc, win: win, ops: ops, stopOps: stop,
		ready: make(chan struct{}), jobs: map[string]context.CancelFunc{}, clip: clipboard.New(win),
	}
}

// Bound lists the services the window binds, one per concern.
func Bound(h *Host) []any {
	return []any{
		&VaultService{h}, &SettingsService{h}, &KeysService{h}, &CAsService{h}, &AccountsService{h},
		&CredentialsService{h}, &EABService{h}, &TransferService{h}, &BackupService{h}, &JobsService{h},
	}
}

// Start opens the data. The page may call in before this ends (Wails loads
// it meanwhile): those calls wait for it, or answer "starting".
func (h *Host) Start() {
	h.open()
	close(h.ready)
}

func (h *Host) open() {
	h.openMu.Lock()
	defer h.openMu.Unlock()
	if h.core == nil {
		h.core, h.startupErr = core.Open(h.dataDir, h.keychain)
	}
}

// BeforeClose takes a secret copied from the window off the clipboard while
// the window can still reach it (at shutdown, its main loop has ended).
func (h *Host) BeforeClose() {
	h.clip.Clear()
}

// Shutdown cancels the operations at CAs and closes the data; later calls answer "cancelled".
func (h *Host) Shutdown() {
	h.stopOps()
	h.openMu.Lock()
	defer h.openMu.Unlock()
	if h.core != nil {
		h.core.Close()
		h.core = nil
	}
	h.startupErr = apperr.New(apperr.CodeCancelled, "ACME Desk is closing.", "")
}

// startingWait bounds how long a call waits for startup before answering
// "starting" (a keychain may be showing its unlock prompt).
var startingWait = 2 * time.Second

// opened waits for startup and returns the data, or why it could not be opened.
func (h *Host) opened() (*core.Core, error) {
	select {
	case <-h.ready:
	case <-time.After(startingWait):
		return nil, apperr.New(apperr.CodeStarting, "ACME Desk is still opening its data.",
			"If your keychain is asking to be unlocked, answer it; this screen moves on by itself.")
	}
	h.openMu.Lock()
	defer h.openMu.Unlock()
	return h.core, h.startupErr
}

// call runs fn on the opened data; a startup failure (e.g. database in use)
// is reported by every call. What it returns has no null lists (fillLists).
func call[T any](h *Host, fn func(*core.Core) (T, error)) (T, error) {
	return guarded(func() (T, error) {
		c, err := h.opened()
		if err != nil {
			var zero T
			return zero, err
		}
		v, err := fn(c)
		if err == nil {
			fillLists(&v)
		}
		return v, err
	})
}

// guarded runs a bound method's work, turning a panic into an internal
// error. Recovering here matters: Wails logs a panicking call with its whole
// message, arguments (a passphrase!) included.
func guarded[T any](fn func() (T, error)) (v T, err error) {
	defer func() {
		if recover() != nil {
			var zero T
			v, err = zero, apperr.New(apperr.CodeInternal, "Something went wrong inside ACME Desk.",
				"Try again; if it happens again, restart ACME Desk.")
		}
	}()
	return fn()
}

// do is call for methods without a result.
func do(h *Host, fn func(*core.Core) error) error {
	_, err := call(h, func(c *core.Core) (struct{}, error) { return struct{}{}, fn(c) })
	return err
}

// job runs fn under a context the page can cancel with JobsService.CancelJob(jobID)
// and that shutdown cancels.
func job[T any](h *Host, jobID string, fn func(context.Context, *core.Core) (T, error)) (T, error) {
	ctx, cancel := context.WithCancel(h.ops)
	h.jobsMu.Lock()
	h.jobs[jobID] = cancel
	h.jobsMu.Unlock()
	defer func() {
		h.jobsMu.Lock()
		delete(h.jobs, jobID)
		h.jobsMu.Unlock()
		cancel()
	}()
	return call(h, func(c *core.Core) (T, error) { return fn(ctx, c) })
}

// FormatError is the window's one way of handing an error to the page
// (Wails' ErrorFormatter): the {code,message,hint,detail} JSON of apperr.
// A string, not the object: Wails' runtime rejects with new Error(value) for
// anything that is not an Error, so an object would arrive as
// "[object Object]"; the bridge parses the whole message back.
func FormatError(err error) any {
	return apperr.JSON(err)
}
