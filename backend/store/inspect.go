package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
)

// bbolt's file format (version 2), as far as inspect reads it: a page starts
// with a 16-byte header (id uint64, flags uint16, count uint16, overflow
// uint32); pages 0 and 1 hold a meta each, the newer valid one in force.
const (
	pageHeaderSize   = 16
	boltMagic        = 0xED0CDAED
	boltVersion      = 2
	branchPageFlag   = 0x01
	leafPageFlag     = 0x02
	freelistPageFlag = 0x10
	bucketLeafFlag   = 0x01
	noFreelist       = ^uint64(0)
	metaSize         = 64 // magic … checksum
)

type boltMeta struct {
	pageSize uint32
	root     uint64
	freelist uint64
	pgid     uint64 // high-water mark: the file holds at least this many pages
	txid     uint64
}

// inspect checks the whole file, before bbolt maps it, for what bbolt would
// trip over: a meta page in force, a file as long as that meta says, a
// freelist that fits its page, and a tree of pages in which every page is
// where its parent says, of the kind expected, holds its elements within its
// bounds and is reached once. On such damage bbolt panics, faults (SIGBUS on
// a short file) or loops forever (a branch page that points back up), and a
// panic inside its Open keeps the file locked. The file is only read.
func inspect(path string) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil // a new database
	} else if err != nil {
		return err
	}
	m, err := currentMeta(data)
	if err != nil {
		return &damageError{cause: err}
	}
	w := &walker{data: data, pageSize: uint64(m.pageSize), pgid: m.pgid, seen: map[uint64]bool{}}
	if uint64(len(data)) < m.pgid*w.pageSize {
		return &damageError{cause: fmt.Sprintf("the file is truncated: %d bytes, %d expected", len(data), m.pgid*w.pageSize)}
	}
	if m.freelist != noFreelist {
		if err := w.freelist(m.freelist); err != nil {
			return &damageError{cause: "freelist: " + err.Error()}
		}
	}
	if err := w.tree(m.root, 0); err != nil {
		return &damageError{cause: err}
	}
	return nil
}

// walker reads bbolt pages out of a copy of the file.
type walker struct {
	data     []byte
	pageSize uint64
	pgid     uint64
	seen     map[uint64]bool
}

const (
	elementSize  = 16 // branch: pos, ksize, pgid; leaf: flags, pos, ksize, vsize
	maxTreeDepth = 64
)

var le = binary.LittleEndian

// page returns page id's bytes (with its overflow pages), checked against its header.
func (w *walker) page(id uint64, flags uint16) ([]byte, uint16, error) {
	if id < 2 || id >= w.pgid {
		return nil, 0, fmt.Errorf("page %d is outside the data (%d pages)", id, w.pgid)
	}
	if w.seen[id] {
		return nil, 0, fmt.Errorf("page %d is reached twice", id)
	}
	w.seen[id] = true
	start := id * w.pageSize
	hdr := w.data[start : start+pageHeaderSize]
	gotID, gotFlags, count, overflow := le.Uint64(hdr), le.Uint16(hdr[8:]), le.Uint16(hdr[10:]), uint64(le.Uint32(hdr[12:]))
	if gotID != id || gotFlags&flags == 0 || gotFlags&^flags != 0 {
		return nil, 0, fmt.Errorf("page %d has id %d and flags %#x", id, gotID, gotFlags)
	}
	end := start + (1+overflow)*w.pageSize
	if overflow >= w.pgid || end > uint64(len(w.data)) {
		return nil, 0, fmt.Errorf("page %d overflows the file", id)
	}
	return w.data[start:end], count, nil
}

func (w *walker) freelist(id uint64) error {
	p, count, err := w.page(id, freelistPageFlag)
	if err != nil {
		return err
	}
	n, first := uint64(count), uint64(pageHeaderSize)
	if count == 0xFFFF { // the count is in the first element
		if len(p) < pageHeaderSize+8 {
			return errors.New("freelist count missing")
		}
		n, first = le.Uint64(p[pageHeaderSize:]), pageHeaderSize+8
	}
	if n > (uint64(len(p))-first)/8 {
		return fmt.Errorf("%d free pages do not fit the freelist page", n)
	}
	for i := range n {
		if free := le.Uint64(p[first+8*i:]); free < 2 || free >= w.pgid {
			return fmt.Errorf("free page %d is outside the data", free)
		}
	}
	return nil
}

// tree walks the B+tree of pages under id (a bucket's root).
func (w *walker) tree(id uint64, depth int) error {
	if depth > maxTreeDepth {
		return errors.New("the tree of pages is deeper than any bbolt writes")
	}
	p, count, err := w.page(id, branchPageFlag|leafPageFlag)
	if err != nil {
		return err
	}
	return w.elements(p, count, depth)
}

// elements checks the elements of a page (or an inline bucket's page) and walks on.
func (w *walker) elements(p []byte, count uint16, depth int) error {
	flags := le.Uint16(p[8:])
	if uint64(pageHeaderSize)+uint64(count)*elementSize > uint64(len(p)) {
		return fmt.Errorf("%d elements do not fit their page", count)
	}
	for i := range uint64(count) {
		at := pageHeaderSize + i*elementSize
		e := p[at : at+elementSize]
		if flags == branchPageFlag {
			pos, ksize, child := uint64(le.Uint32(e)), uint64(le.Uint32(e[4:])), le.Uint64(e[8:])
			if at+pos+ksize > uint64(len(p)) {
				return errors.New("a branch key lies outside its page")
			}
			if err := w.tree(child, depth+1); err != nil {
				return err
			}
			continue
		}
		leafFlags, pos, ksize, vsize := le.Uint32(e), uint64(le.Uint32(e[4:])), uint64(le.Uint32(e[8:])), uint64(le.Uint32(e[12:]))
		if at+pos+ksize+vsize > uint64(len(p)) {
			return errors.New("a key or value lies outside its page")
		}
		if leafFlags&bucketLeafFlag == 0 {
			continue
		}
		value := p[at+pos+ksize : at+pos+ksize+vsize]
		if len(value) < 16 {
			return errors.New("a bucket header is cut short")
		}
		if root := le.Uint64(value); root != 0 {
			if err := w.tree(root, depth+1); err != nil {
				return err
			}
			continue
		}
		inline := value[16:] // an inline bucket: its one leaf page follows the header
		if len(inline) < pageHeaderSize || le.Uint16(inline[8:]) != leafPageFlag {
			return errors.New("an inline bucket is damaged")
		}
		if err := w.elements(inline, le.Uint16(inline[10:]), depth+1); err != nil {
			return err
		}
	}
	return nil
}

func currentMeta(data []byte) (*boltMeta, error) {
	first, err0 := readMeta(data, 0)
	pageSize := uint64(os.Getpagesize())
	if err0 == nil {
		pageSize = uint64(first.pageSize)
	}
	second, err1 := readMeta(data, pageSize)
	switch {
	case err0 != nil && err1 != nil:
		return nil, fmt.Errorf("no valid meta page (%v; %v)", err0, err1)
	case err0 != nil:
		return second, nil
	case err1 != nil || first.txid >= second.txid:
		return first, nil
	}
	return second, nil
}

func readMeta(data []byte, offset uint64) (*boltMeta, error) {
	if uint64(len(data)) < offset+pageHeaderSize+metaSize {
		return nil, errors.New("the file ends inside a meta page")
	}
	buf := data[offset+pageHeaderSize : offset+pageHeaderSize+metaSize]
	if le.Uint32(buf[0:]) != boltMagic || le.Uint32(buf[4:]) != boltVersion {
		return nil, errors.New("not a bbolt meta page")
	}
	sum := fnv.New64a()
	sum.Write(buf[:56])
	if sum.Sum64() != le.Uint64(buf[56:]) {
		return nil, errors.New("meta page checksum mismatch")
	}
	m := &boltMeta{pageSize: le.Uint32(buf[8:]), root: le.Uint64(buf[16:]), freelist: le.Uint64(buf[32:]),
		pgid: le.Uint64(buf[40:]), txid: le.Uint64(buf[48:])}
	if m.pageSize < 512 || m.pageSize > 1<<20 || m.pageSize&(m.pageSize-1) != 0 {
		return nil, fmt.Errorf("page size %d", m.pageSize)
	}
	if m.pgid < 4 || m.root >= m.pgid || (m.freelist != noFreelist && m.freelist >= m.pgid) {
		return nil, errors.New("meta page points past the end of the data")
	}
	return m, nil
}
