/**
 * jest's root global setup, run before the projects' own: every sandbox of the run records the
 * requests our nodes send, for the check in the root global teardown (test/contracts/recordedRequests.ts).
 */
import { startRecording } from '../contracts/recordedRequests';

export default function globalSetup(): void {
	startRecording();
}
