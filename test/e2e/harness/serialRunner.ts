/** jest's default runner, told to run its files one at a time: e2e files share one n8n and 2 CPUs. */
import TestRunner from 'jest-runner';

export default class SerialRunner extends TestRunner {
	readonly isSerial = true;
}
