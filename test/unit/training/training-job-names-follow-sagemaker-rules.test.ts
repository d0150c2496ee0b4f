import { SAGEMAKER_NAME, trainingJobName } from '../../../lib/training/job-name';

describe('training job names', () => {
  it('derive from the model and run, so a retry computes the same name', () => {
    expect(trainingJobName('churn', 'run-0001')).toBe('churn-run-0001');
    expect(trainingJobName('churn', 'run-0001')).toBe(trainingJobName('churn', 'run-0001'));
  });

  it('stay within 63 characters and the SageMaker pattern, keeping distinct runs distinct', () => {
    const long = trainingJobName('churn', `${'x'.repeat(80)}-a`);
    const longOther = trainingJobName('churn', `${'x'.repeat(80)}-b`);
    const cleaned = trainingJobName('churn', 'run_2026:11:26');
    const cleanedOther = trainingJobName('churn', 'run-2026-11-26');

    for (const name of [long, longOther, cleaned]) {
      expect(name.length).toBeLessThanOrEqual(63);
      expect(name).toMatch(SAGEMAKER_NAME);
    }
    expect(long).not.toBe(longOther);
    expect(cleaned).not.toBe(cleanedOther);
  });
});
