import * as JobsService from '../../wailsjs/go/services/JobsService';
import {call} from './call';

/** Stops a running job (key generation, refresh all); an unknown id does nothing. */
export function cancelJob(jobId: string): Promise<void> {
  return call(() => JobsService.CancelJob(jobId));
}
