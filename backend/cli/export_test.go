package cli

// NewRoot lets the tests walk the command tree the binary runs.
var NewRoot = newRoot
