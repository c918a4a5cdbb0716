// Everything of the classroom that is not needed on first load: the lesson runner (narration
// bar), the lesson picker, the shortcuts dialog and the projector styles.
import { useStore } from '../store/index.ts';
import './classroom.css';
import { HelpDialog } from './HelpDialog.tsx';
import { LessonPicker } from './LessonPicker.tsx';
import { LessonRunner } from './LessonRunner.tsx';

export function Classroom() {
  const lesson = useStore((s) => s.lesson);
  const dialog = useStore((s) => s.dialog);
  return (
    <>
      {lesson && <LessonRunner key={lesson} source={lesson} />}
      {dialog === 'lessons' && <LessonPicker />}
      {dialog === 'help' && <HelpDialog />}
    </>
  );
}
