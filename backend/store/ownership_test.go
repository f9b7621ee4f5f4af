package store

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// bucketOwners names, for each bucket, the packages (folders from the module
// root) that keep their records in it: any other package asks the owner's
// service. Two packages are left out because they may name every bucket: this
// one, which makes and checks them, and backend/backup, which copies the whole
// database bucket by bucket.
var bucketOwners = map[Bucket][]string{
	// Each owner under its own key (vault parameters, settings); this package keeps the schema version there.
	Meta:              {"backend/vault", "backend/settings"},
	Keys:              {"backend/keys"},
	KeysByFingerprint: {"backend/keys"},
	KeysByName:        {"backend/keys"},
	Secrets:           {"backend/vault"},
	Refs:              {}, // used only through Tx.AddRef, Tx.RefsTo… of this package
	CAs:               {"backend/cas"},
	DirectoryCache:    {"backend/cas"},
	Accounts:          {"backend/accounts"},
	Credentials:       {"backend/credentials"},
}

// mayNameEveryBucket are the packages bucketOwners leaves out.
var mayNameEveryBucket = []string{"backend/store", "backend/backup"}

const storeImport = "acmedesk/backend/store"

// bucketUse is a place in a file that names a bucket of this package.
type bucketUse struct {
	pos    token.Position
	bucket Bucket // empty for a use that hides which bucket it is
	what   string // what the code says, e.g. "store.Keys"
}

// bucketUses finds the bucket constants (byName: constant name to bucket)
// that file names through its import of this package, and the uses that hide
// the bucket: a conversion store.Bucket(…), or a dot import.
func bucketUses(fset *token.FileSet, file *ast.File, byName map[string]Bucket) []bucketUse {
	local := ""
	for _, imp := range file.Imports {
		if path, _ := strconv.Unquote(imp.Path.Value); path == storeImport {
			local = "store"
			if imp.Name != nil {
				local = imp.Name.Name
			}
		}
	}
	var uses []bucketUse
	switch local {
	case "":
		return nil
	case ".":
		return []bucketUse{{pos: fset.Position(file.Package), what: "a dot import of " + storeImport}}
	}
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok && isPackage(sel.X, local) && sel.Sel.Name == "Bucket" {
				uses = append(uses, bucketUse{pos: fset.Position(n.Pos()), what: local + ".Bucket(…)"})
			}
		case *ast.SelectorExpr:
			if b, ok := byName[n.Sel.Name]; ok && isPackage(n.X, local) {
				uses = append(uses, bucketUse{pos: fset.Position(n.Pos()), bucket: b, what: local + "." + n.Sel.Name})
			}
		}
		return true
	})
	return uses
}

func isPackage(x ast.Expr, name string) bool {
	id, ok := x.(*ast.Ident)
	return ok && id.Name == name
}

// bucketConstants reads the Bucket constants declared in store.go: name to bucket.
func bucketConstants(t *testing.T) map[string]Bucket {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "store.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]Bucket{}
	for _, decl := range f.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.CONST {
			continue
		}
		for _, spec := range gen.Specs {
			vs := spec.(*ast.ValueSpec)
			if typ, ok := vs.Type.(*ast.Ident); !ok || typ.Name != "Bucket" {
				continue
			}
			for i, name := range vs.Names {
				lit := vs.Values[i].(*ast.BasicLit)
				value, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				out[name.Name] = Bucket(value)
			}
		}
	}
	return out
}

// TestEveryBucketHasOwners: a new bucket is given its owner here before any package uses it.
func TestEveryBucketHasOwners(t *testing.T) {
	declared := bucketConstants(t)
	if len(declared) != len(allBuckets) {
		t.Fatalf("store.go declares %d buckets, the migrations make %d", len(declared), len(allBuckets))
	}
	for _, b := range allBuckets {
		if _, ok := bucketOwners[b]; !ok {
			t.Errorf("bucket %q has no entry in bucketOwners", b)
		}
	}
}

// TestPackagesNameOnlyTheirOwnBuckets parses every Go package of the module:
// a package that names a bucket it does not own reads or writes another
// package's records behind that package's service. Test files are passed
// over: tests set records up and look at the raw file on purpose (that a
// secret is sealed, that a record was removed).
func TestPackagesNameOnlyTheirOwnBuckets(t *testing.T) {
	byName := bucketConstants(t)
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	files := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case "frontend", "node_modules", "testdata", "build":
				return filepath.SkipDir
			}
			if strings.HasPrefix(d.Name(), ".") && path != root {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		pkg := filepath.ToSlash(rel)
		if slices.Contains(mayNameEveryBucket, pkg) {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		files++
		for _, problem := range ownershipProblems(pkg, bucketUses(fset, f, byName)) {
			t.Error(problem)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 20 {
		t.Fatalf("read %d Go files below %s: the walk missed the packages", files, root)
	}
}

// ownershipProblems says, for each use by pkg of a bucket it does not own, what to do instead.
func ownershipProblems(pkg string, uses []bucketUse) []string {
	var out []string
	for _, u := range uses {
		owners := bucketOwners[u.bucket]
		switch {
		case u.bucket == "":
			out = append(out, fmt.Sprintf("%s: %s hides which bucket %s uses: name the bucket's constant", u.pos, u.what, pkg))
		case slices.Contains(owners, pkg):
		case len(owners) == 0:
			out = append(out, fmt.Sprintf("%s: %s names %s, which only package store uses: call its Tx methods", u.pos, pkg, u.what))
		default:
			out = append(out, fmt.Sprintf("%s: %s names %s, which %s owns: ask its service", u.pos, pkg, u.what, strings.Join(owners, " and ")))
		}
	}
	return out
}

// TestOwnershipCheckFindsEveryKindOfUse feeds the check made-up files.
func TestOwnershipCheckFindsEveryKindOfUse(t *testing.T) {
	byName := map[string]Bucket{"Keys": Keys, "Accounts": Accounts, "Refs": Refs}
	for _, tc := range []struct {
		name, pkg, src string
		want           []string // the problems, each by a part of its text
	}{
		{"owner names its bucket", "backend/keys",
			`import "acmedesk/backend/store"; var _ = store.Keys`, nil},
		{"another package names it", "backend/importers",
			`import "acmedesk/backend/store"; var _ = store.Keys`, []string{"store.Keys, which backend/keys owns"}},
		{"through an alias", "backend/importers",
			`import st "acmedesk/backend/store"; var _ = st.Accounts`, []string{"st.Accounts, which backend/accounts owns"}},
		{"a bucket only package store uses", "backend/accounts",
			`import "acmedesk/backend/store"; var _ = store.Refs`, []string{"only package store uses"}},
		{"a bucket named by its string", "backend/keys",
			`import "acmedesk/backend/store"; var _ = store.Bucket("keys")`, []string{"store.Bucket(…) hides which bucket"}},
		{"a dot import", "backend/keys",
			`import . "acmedesk/backend/store"; var _ = Keys`, []string{"a dot import"}},
		{"what is not a bucket", "backend/importers",
			`import "acmedesk/backend/store"; var _ = store.List[int]; var _ store.Tx`, nil},
		{"another package called store", "backend/importers",
			`import "example.com/store"; var _ = store.Keys`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, "made_up.go", "package p\n"+tc.src, 0)
			if err != nil {
				t.Fatal(err)
			}
			got := ownershipProblems(tc.pkg, bucketUses(fset, f, byName))
			if len(got) != len(tc.want) {
				t.Fatalf("problems %q, want %d", got, len(tc.want))
			}
			for i, w := range tc.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("problem %q does not say %q", got[i], w)
				}
			}
		})
	}
}
