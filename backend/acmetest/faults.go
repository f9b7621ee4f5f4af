package acmetest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
)

// Pebble's resource paths, for faults aimed at one kind of request.
const (
	NewAccountPath = "/sign-me-up"
	AccountPath    = "/my-account/"
	KeyChangePath  = "/rollover-account-key"
)

// Outcome is what becomes of a request that meets a fault.
type Outcome int

const (
	// Answered: the CA handles the request and answers as usual.
	Answered Outcome = iota
	// AnswerLost: the CA handles the request (it takes effect), then the
	// connection drops before the answer reaches the client.
	AnswerLost
	// RequestLost: the connection drops when the request arrives; the CA never sees it.
	RequestLost
	// Refused: the CA refuses the request with a problem document (403
	// unauthorized) without acting on it.
	Refused
	// Hung: the CA never answers; the request waits until the client gives up.
	Hung
)

// Fault shapes the next POST to one path: a front between the client and Pebble
// that can run code meanwhile, lose the request or its answer, and take the CA down.
type Fault struct {
	// Before runs when the request arrives, before the CA handles it: a test's
	// way to change local data while an operation waits for the CA.
	Before func()
	// Outcome says whether the CA handles the request and whether its answer arrives.
	Outcome Outcome
	// ThenDown leaves the CA unreachable afterwards (every request loses its
	// connection, its data kept) until Up is called.
	ThenDown bool
	// Rewrite changes the headers of the CA's answer before it leaves: a CA
	// that answers with a hostile Location, say.
	Rewrite func(http.Header)
}

// front sits before Pebble's handler.
type front struct {
	next http.Handler

	mu     sync.Mutex
	down   bool
	faults map[string][]Fault
	posts  map[string]int
}

func newFront(next http.Handler) *front {
	return &front{next: next, faults: map[string][]Fault{}, posts: map[string]int{}}
}

func (f *front) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	if f.down {
		f.mu.Unlock()
		cut(w)
		return
	}
	path := resourcePath(r.URL.Path)
	var fault *Fault
	if r.Method == http.MethodPost {
		f.posts[path]++
		if queue := f.faults[path]; len(queue) > 0 {
			fault, f.faults[path] = &queue[0], queue[1:]
		}
	}
	f.mu.Unlock()
	if fault == nil {
		f.next.ServeHTTP(w, r)
		return
	}
	if fault.Before != nil {
		fault.Before()
	}
	switch fault.Outcome {
	case Refused:
		refuse(w)
		return
	case Hung:
		io.Copy(io.Discard, r.Body) // from then on the server notices the client leaving
		<-r.Context().Done()
		return
	}
	var answer http.ResponseWriter = w
	if fault.Outcome != Answered {
		answer = httptest.NewRecorder()
	}
	if fault.Rewrite != nil {
		answer = &rewriting{ResponseWriter: answer, rewrite: fault.Rewrite}
	}
	if fault.Outcome != RequestLost {
		f.next.ServeHTTP(answer, r)
	}
	// Down before the client can hear anything, so its next request finds the CA gone.
	if fault.ThenDown {
		f.setDown(true)
	}
	if fault.Outcome != Answered {
		cut(w)
	}
}

// rewriting applies a Fault's Rewrite to the headers as they are sent.
type rewriting struct {
	http.ResponseWriter
	rewrite func(http.Header)
	done    bool
}

func (r *rewriting) WriteHeader(code int) {
	if !r.done {
		r.done = true
		r.rewrite(r.Header())
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *rewriting) Write(b []byte) (int, error) {
	if !r.done {
		r.WriteHeader(http.StatusOK)
	}
	return r.ResponseWriter.Write(b)
}

func (f *front) setDown(down bool) {
	f.mu.Lock()
	f.down = down
	f.mu.Unlock()
}

// resourcePath names the kind of resource: "/my-account/7" counts as AccountPath.
func resourcePath(p string) string {
	if strings.HasPrefix(p, AccountPath) {
		return AccountPath
	}
	return p
}

func refuse(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(http.StatusForbidden)
	w.Write([]byte(`{"type":"urn:ietf:params:acme:error:unauthorized","detail":"refused by the test","status":403}`))
}

// cut closes the client's connection without a word, as a CA that died or a
// network that dropped the answer would.
func cut(w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic("acmetest: cannot cut the connection: " + err.Error()) // httptest's HTTP/1.1 server always allows it
	}
	conn.Close()
}

// Inject queues a fault for the next POST to path (NewAccountPath,
// AccountPath, KeyChangePath…); several queue in order.
func (s *Server) Inject(path string, f Fault) {
	s.front.mu.Lock()
	defer s.front.mu.Unlock()
	s.front.faults[path] = append(s.front.faults[path], f)
}

// Down makes the CA unreachable, keeping its data: every request loses its connection.
func (s *Server) Down() { s.front.setDown(true) }

// Up brings the CA back after Down or a fault's ThenDown.
func (s *Server) Up() { s.front.setDown(false) }

// Posts counts the POST requests that reached the front for path, faulted or not.
func (s *Server) Posts(path string) int {
	s.front.mu.Lock()
	defer s.front.mu.Unlock()
	return s.front.posts[path]
}
