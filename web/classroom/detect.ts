// Spotting a Lesson among the workspace files, cheaply and without the YAML parser (first load).
export const LESSON_API = 'kubeplay.dev/v1alpha1';

export const looksLikeLesson = (text: string): boolean => /^kind:\s*Lesson\s*$/m.test(text) && text.includes(LESSON_API);
