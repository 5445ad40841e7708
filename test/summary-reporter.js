// Prints the plain closing line CI reads ("Tests: N passed, N failed, N skipped").
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests, numRuntimeErrorTestSuites } = results;
    const failed = numFailedTests + numRuntimeErrorTestSuites;
    // Jest's own summary is written after every reporter's onRunComplete; this line goes last.
    process.once('exit', () => process.stdout.write(`\nTests: ${numPassedTests} passed, ${failed} failed, ${numPendingTests + numTodoTests} skipped\n`));
  }
}
module.exports = SummaryReporter;
