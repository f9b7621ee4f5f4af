package services

import (
	"reflect"
	"strings"
)

// fillLists replaces the nil slices and maps in *v that JSON would send as
// null (v itself, and fields without omitempty) with empty ones, so the
// page's generated types (Array<T>, Record<K, V>) say what it gets. Fields
// with omitempty are left alone: JSON omits them and their TS type is
// optional.
func fillLists[T any](v *T) {
	fill(reflect.ValueOf(v).Elem())
}

func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			fill(v.Elem())
		}
	case reflect.Slice:
		if v.IsNil() {
			if v.CanSet() {
				v.Set(reflect.MakeSlice(v.Type(), 0, 0))
			}
			return
		}
		for i := range v.Len() {
			fill(v.Index(i))
		}
	case reflect.Map:
		if v.IsNil() && v.CanSet() {
			v.Set(reflect.MakeMap(v.Type()))
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" && opts == "" {
				continue
			}
			if omitted(opts) && (f.Type.Kind() == reflect.Slice || f.Type.Kind() == reflect.Map) && v.Field(i).IsNil() {
				continue
			}
			fill(v.Field(i))
		}
	}
}

func omitted(opts string) bool {
	for o := range strings.SplitSeq(opts, ",") {
		if o == "omitempty" {
			return true
		}
	}
	return false
}
