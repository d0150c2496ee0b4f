/**
 * SageMaker's Describe* calls answer a missing resource with a ValidationException ("Requested resource
 * not found", "Could not find model ...") rather than a dedicated error; some APIs use ResourceNotFound.
 */
export const isSageMakerNotFound = (error: unknown): boolean => {
  const { name, message } = error as Error;
  return (
    name === 'ResourceNotFound' ||
    (name === 'ValidationException' && /could not find|not found/i.test(message))
  );
};
