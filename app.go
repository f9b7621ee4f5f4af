package main

import (
	"context"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"acmedesk/backend/services"
	"acmedesk/backend/vault"
)

// App is the window's shell: it runs the services' lifecycle from Wails'
// startup, before-close and shutdown, and lends them the window (native
// dialogs, the clipboard) through Wails' runtime. The page calls the
// services, never App.
type App struct {
	ctx  context.Context // Wails' runtime context, set at startup
	host *services.Host
}

// NewApp returns the shell for dataDir; the data is opened at startup.
func NewApp(dataDir string, kc vault.Keychain) *App {
	a := &App{}
	a.host = services.NewHost(dataDir, kc, a)
	return a
}

func (a *App) startup(ctx context.Context) {
	a.ctx = ctx
	a.host.Start()
}

func (a *App) beforeClose(context.Context) (prevent bool) {
	a.host.BeforeClose()
	return false
}

func (a *App) shutdown(context.Context) { a.host.Shutdown() }

// GetText reads the system clipboard.
func (a *App) GetText() (string, error) { return runtime.ClipboardGetText(a.ctx) }

// SetText writes the system clipboard.
func (a *App) SetText(text string) error { return runtime.ClipboardSetText(a.ctx, text) }

// SaveFile shows the native "save as" dialog.
func (a *App) SaveFile(d services.SaveDialog) (string, error) {
	return runtime.SaveFileDialog(a.ctx, runtime.SaveDialogOptions{
		Title: d.Title, DefaultDirectory: d.DefaultDirectory, DefaultFilename: d.DefaultFilename,
	})
}

// OpenFile shows the native dialog that picks a file.
func (a *App) OpenFile(title string) (string, error) {
	return runtime.OpenFileDialog(a.ctx, runtime.OpenDialogOptions{Title: title})
}

// OpenFolder shows the native dialog that picks a folder.
func (a *App) OpenFolder(title string, canCreate bool) (string, error) {
	return runtime.OpenDirectoryDialog(a.ctx, runtime.OpenDialogOptions{Title: title, CanCreateDirectories: canCreate})
}
