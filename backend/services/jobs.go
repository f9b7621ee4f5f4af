package services

// JobsService stops long operations the page started with a job id.
type JobsService struct{ host *Host }

// CancelJob stops a running job (key generation, refresh all); an unknown id does nothing.
func (s *JobsService) CancelJob(jobID string) {
	s.host.jobsMu.Lock()
	defer s.host.jobsMu.Unlock()
	if cancel, ok := s.host.jobs[jobID]; ok {
		cancel()
	}
}
