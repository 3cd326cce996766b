//! The texts of the lesson panel, the lesson list, the speaker notes and the room link, in
//! English and Korean. They are drawn here, in the tools worker, so that they cost the first
//! download nothing. A key without both languages does not compile.

text_table! {
    /// A text of the lesson views.
    L {
        Minutes => "{n} min", "{n}분";
        StepsDone => "{done} of {total} steps done", "{total}단계 중 {done}단계 완료";
        Complete => "Complete", "완료";
        Intro => "Introduction", "소개";
        Start => "Start the first step", "첫 단계 시작";
        Demonstrate => "Show me", "시연 보기";
        Steps => "Steps of the lesson", "실습 단계";
        StepOf => "Step {n} of {total}", "{total}단계 중 {n}단계";
        Goal => "Goal: checked after every change", "목표: 바꿀 때마다 확인합니다";
        ItemPassed => "Done:", "완료:";
        ItemOpen => "Not yet:", "아직:";
        ShowStep => "Show step {n}", "{n}단계 보기";
        Hint => "Hint", "힌트";
        HintOf => "Hint {n} of {total}", "힌트 {n}/{total}";
        ShowSolution => "Show solution", "정답 보기";
        ConfirmSolution => "Show the solution? It changes your diagram in one step; Undo brings your version back.", "정답을 볼까요? 다이어그램이 한 번에 바뀌며, 실행 취소로 원래대로 되돌릴 수 있습니다.";
        ApplySolution => "Apply the solution", "정답 적용";
        Cancel => "Cancel", "취소";
        SolutionUsed => "You looked at the solution for this step.", "이 단계의 정답을 확인했습니다.";
        Passed => "Step passed", "단계 통과";
        Why => "Why this works", "왜 이렇게 될까요";
        NextStep => "Next step", "다음 단계";
        PreviousStep => "Previous step", "이전 단계";
        NextLesson => "Next lesson", "다음 실습";
        Finished => "Lesson complete. Well done!", "실습을 마쳤습니다. 수고하셨습니다!";
        ResetStep => "Reset step", "이 단계 다시";
        ResetLesson => "Reset lesson", "실습 처음부터";
        Leave => "Leave lesson", "실습 나가기";
        Fold => "Hide", "접기";
        Unfold => "Show lesson", "실습 펼치기";
        GoalsMet => "{n} of {total} goals met", "목표 {total}개 중 {n}개 달성";
        Notes => "Speaker notes", "발표자 노트";
        Present => "Present", "발표 모드";
        StopPresenting => "Stop presenting", "발표 모드 끝내기";
        NotesWindow => "Notes window", "노트 창";
        RoomLink => "Room link", "강의실 링크";
        RoomLinkHelp => "Attendees scan the code or open the link: their playground opens this lesson at this step, in this language, with the same diagram.", "참가자가 코드를 스캔하거나 링크를 열면 같은 다이어그램으로 이 실습의 이 단계가 이 언어로 열립니다.";
        QrCode => "QR code of the room link", "강의실 링크 QR 코드";
        CopyLink => "Copy link", "링크 복사";
        SaveProgress => "Save my progress", "진행 상황 저장";
        OpenProgress => "Open saved progress…", "저장한 진행 상황 열기…";
        RecordTitle => "Record a lesson", "실습 녹화하기";
        RecordHelp => "The diagram as it is now becomes the lesson's start. Make the changes of each step and press End step after each; then save the lesson as a file. Each step's checklist is written from what you changed.", "지금의 다이어그램이 실습의 시작이 됩니다. 단계마다 다이어그램을 바꾸고 '단계 끝내기'를 누른 뒤, 실습을 파일로 저장하세요. 각 단계의 체크리스트는 바꾼 내용으로 만들어집니다.";
        RecordStart => "Start recording", "녹화 시작";
        RecordNoSteps => "Record at least one step: change the diagram, then press End step.", "단계를 하나 이상 녹화하세요. 다이어그램을 바꾼 뒤 '단계 끝내기'를 누르세요.";
        RecordBadId => "The lesson id “{id}” may only have lower-case letters, digits and hyphens.", "실습 ID “{id}”에는 영문 소문자, 숫자, 하이픈만 쓸 수 있습니다.";
        RecordMissingTitle => "Write the title in English and in Korean.", "제목을 영어와 한국어로 모두 쓰세요.";
        RecordMissingSummary => "Write the summary in English and in Korean.", "요약을 영어와 한국어로 모두 쓰세요.";
        RecordNothingChanged => "Step {n} changes nothing a goal can check: change a link, a setting or a resource.", "{n}단계에는 목표로 확인할 변화가 없습니다. 연결, 설정 또는 리소스를 바꾸세요.";
        ListTitle => "Lessons: learn by doing, checked by the simulator", "실습: 직접 해 보고 시뮬레이터로 확인하기";
        Recording => "Recording a lesson", "실습 녹화 중";
        RecordingStatus => "Steps recorded: {n}. Change the diagram for step {next}, then press End step.", "녹화한 단계: {n}개. {next}단계에 맞게 다이어그램을 바꾼 뒤 '단계 끝내기'를 누르세요.";
        RecordingUnchanged => "Nothing has changed since the last step yet.", "마지막 단계 이후 아직 바뀐 것이 없습니다.";
        EndStep => "End step {n}", "{n}단계 끝내기";
        StopRecording => "Stop recording", "녹화 끝내기";
        ConfirmStopRecording => "Stop recording? The {n} recorded steps are discarded; your diagram stays.", "녹화를 끝낼까요? 녹화한 {n}개 단계는 버려지고 다이어그램은 그대로 남습니다.";
        DiscardRecording => "Discard the steps", "단계 버리기";
        KeepRecording => "Keep recording", "계속 녹화";
        SaveLessonTitle => "Save the lesson", "실습 저장";
        LessonId => "Lesson id (file name)", "실습 ID(파일 이름)";
        TitleEnglish => "Title in English", "영어 제목";
        TitleKorean => "Title in Korean", "한국어 제목";
        SummaryEnglish => "Summary in English", "영어 요약";
        SummaryKorean => "Summary in Korean", "한국어 요약";
        SaveLessonFile => "Save lesson file", "실습 파일 저장";
        LessonFileSaved => "Saved {file}: lesson check finds nothing to fix. Edit its texts, hints and explanations in any editor.", "{file} 파일을 저장했습니다. lesson check에서 고칠 것이 없습니다. 텍스트, 힌트, 설명은 편집기에서 다듬으세요.";
        LessonFileProblems => "Saved {file}, but lesson check would refuse it:", "{file} 파일을 저장했지만 lesson check에서 통과하지 못합니다:";
        ProgressRestored => "Lessons whose progress was restored: {n}.", "실습 {n}개의 진행 상황을 불러왔습니다.";
        ProgressNotRestored => "This file is not saved lesson progress ({why}); your progress is unchanged.", "저장한 실습 진행 상황 파일이 아닙니다({why}). 진행 상황은 그대로입니다.";
        RoomLinkTitle => "Room link: every attendee on this lesson and step", "강의실 링크: 모든 참가자를 이 실습과 단계로";
        Close => "Close", "닫기";
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use engine::lang::Lang;

    #[test]
    fn every_lesson_text_exists_in_english_and_korean_and_is_translated() {
        for key in L::ALL {
            let (en, ko) = (key.get(Lang::En), key.get(Lang::Ko));
            assert!(!en.is_empty() && !ko.is_empty(), "{key:?}");
            assert_ne!(en, ko, "{key:?} is not translated");
        }
    }
}
