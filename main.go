package main

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"os"
	"strings"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/logger"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	wailsruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"acmedesk/backend/cli"
	"acmedesk/backend/datadir"
	"acmedesk/backend/services"
	"acmedesk/backend/session"
	"acmedesk/backend/store"
	"acmedesk/backend/vault"
)

//go:embed all:frontend/dist
var assets embed.FS

func main() {
	// Given a command, the same binary runs headless over the same data (see backend/cli).
	// macOS once passed -psn_… to apps opened from Finder: that still opens the window.
	if len(os.Args) > 1 && !strings.HasPrefix(os.Args[1], "-psn_") {
		os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	if err := session.CheckDisplay(); err != nil {
		fmt.Fprintln(os.Stderr, "ACME Desk:", err)
		os.Exit(1)
	}
	dataDir, err := datadir.Resolve()
	if err != nil {
		fmt.Fprintln(os.Stderr, "ACME Desk:", err)
		os.Exit(1)
	}
	store.Holder = "the ACME Desk window"
	app := NewApp(dataDir, vault.SystemKeychain{})
	// One window per data folder: a second launch focuses the first one.
	sum := sha256.Sum256([]byte(dataDir))
	err = wails.Run(&options.App{
		Title:     "ACME Desk",
		Width:     1200,
		Height:    800,
		MinWidth:  900,
		MinHeight: 600,
		AssetServer: &assetserver.Options{
			Assets: assets,
		},
		// INFO (not Wails' default ERROR) so the window's one ready line
		// (frontend/src/app/readyLog.ts: a vault state and a key count, nothing
		// else) reaches stderr, where scripts/smoke.sh checks it. Nothing in
		// the app logs at INFO otherwise; Wails itself only reports malformed
		// IPC messages there.
		LogLevelProduction: logger.INFO,
		OnStartup:          app.startup,
		OnBeforeClose:      app.beforeClose,
		OnShutdown:         app.shutdown,
		SingleInstanceLock: &options.SingleInstanceLock{
			UniqueId: "io.acmedesk.app-" + hex.EncodeToString(sum[:8]),
			OnSecondInstanceLaunch: func(options.SecondInstanceData) {
				wailsruntime.WindowUnminimise(app.ctx)
				wailsruntime.Show(app.ctx)
			},
		},
		Linux: &linux.Options{ProgramName: "acmedesk"},
		Bind:  services.Bound(app.host),
		// Every error a service returns reaches the page as the apperr JSON.
		ErrorFormatter: services.FormatError,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "ACME Desk:", err)
		os.Exit(1)
	}
}
