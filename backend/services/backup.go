package services

import (
	"os"

	"acmedesk/backend/backup"
	"acmedesk/backend/core"
)

// BackupService writes encrypted backups and restores or merges them.
type BackupService struct{ host *Host }

// BackupToFile asks where to save, then writes an encrypted backup of every record and secret; "" when cancelled.
func (s *BackupService) BackupToFile(passphrase string) (string, error) {
	return call(s.host, func(c *core.Core) (string, error) {
		home, _ := os.UserHomeDir()
		path, err := s.host.win.SaveFile(SaveDialog{
			Title: "Save encrypted backup", DefaultDirectory: home, DefaultFilename: "acmedesk-backup.acmedesk",
		})
		if err != nil || path == "" {
			return "", err
		}
		return path, backup.WriteFile(c.DB, c.Vault, path, passphrase)
	})
}

// ChooseBackupFile asks for a backup file to restore; "" when cancelled.
func (s *BackupService) ChooseBackupFile() (string, error) {
	return guarded(func() (string, error) { return s.host.win.OpenFile("Choose an ACME Desk backup") })
}

// PlanRestore reads a backup and says what a merge would add, find identical, and leave as conflicts.
func (s *BackupService) PlanRestore(path, passphrase string) (*backup.Plan, error) {
	return call(s.host, func(c *core.Core) (*backup.Plan, error) {
		contents, err := readBackup(path, passphrase)
		if err != nil {
			return nil, err
		}
		defer contents.Wipe()
		return backup.PlanMerge(c.DB, c.Vault, contents)
	})
}

// RestoreBackup restores a backup into an empty vault ("empty") or merges it
// ("merge"), taking the backup's version of the conflicting records in replace.
func (s *BackupService) RestoreBackup(path, passphrase, mode string, replace []string) (*backup.Plan, error) {
	return call(s.host, func(c *core.Core) (*backup.Plan, error) {
		contents, err := readBackup(path, passphrase)
		if err != nil {
			return nil, err
		}
		defer contents.Wipe()
		return backup.Restore(c.DB, c.Vault, contents, backup.Mode(mode), replace...)
	})
}

func readBackup(path, passphrase string) (*backup.Contents, error) {
	f, err := backup.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return backup.Read(f, passphrase)
}
