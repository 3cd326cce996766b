//! The catalog of every user-visible text of the app, in English and Korean. Sentences about the
//! simulation come from the engine's narration ([`engine::narrate`]); everything else is here.
//! A key without both languages does not compile.

pub use engine::lang::Lang;

text_table! {
    /// A text of the app.
    T {
        AppTitle => "Lambda Destinations Playground", "Lambda Destinations 플레이그라운드";
        Tagline => "See where every invocation result goes, and why.", "모든 호출 결과가 어디로, 왜 가는지 확인하세요.";
        Language => "Language", "언어";
        Scenario => "Scenario", "시나리오";
        Play => "Play", "재생";
        Pause => "Pause", "일시 정지";
        StepBack => "Step back", "한 단계 뒤로";
        StepForward => "Step forward", "한 단계 앞으로";
        PreviousDecision => "Previous decision", "이전 결정";
        NextDecision => "Next decision", "다음 결정";
        Reset => "Reset", "처음으로";
        Speed => "Speed", "속도";
        Timeline => "Timeline", "타임라인";
        Step => "Step", "단계";
        Of => "of", "/";
        VirtualTime => "Virtual time", "가상 시간";
        Seed => "Seed", "시드";
        Diagram => "Architecture diagram", "아키텍처 다이어그램";
        EventLog => "Event log", "이벤트 로그";
        EventLogEmpty => "Press Play to start the simulation.", "재생을 눌러 시뮬레이션을 시작하세요.";
        Inspector => "Inspector", "인스펙터";
        InspectorEmpty => "Select a resource on the diagram to see what it received.", "다이어그램에서 리소스를 선택하면 받은 내용을 볼 수 있습니다.";
        Received => "Received", "받은 내용";
        NothingReceivedYet => "Nothing received yet at this step.", "이 단계까지 받은 내용이 없습니다.";
        Counters => "CloudWatch metrics", "CloudWatch 지표";
        Behaviour => "Function behaviour", "함수 동작";
        BehaviourScripted => "As scripted in the scenario", "시나리오에 정의된 대로";
        BehaviourSucceed => "Always succeed", "항상 성공";
        BehaviourFail => "Always fail (throw an error)", "항상 실패(오류 발생)";
        BehaviourTimeout => "Always time out", "항상 시간 초과";
        BehaviourThrottle => "Always throttled (429)", "항상 스로틀(429)";
        Findings => "What AWS would say about this configuration", "이 구성에 대해 AWS가 응답할 내용";
        NoFindings => "AWS would accept this configuration.", "AWS가 이 구성을 허용합니다.";
        Assumptions => "Stated assumptions (where AWS does not document the behaviour)", "가정 사항(AWS가 동작을 문서화하지 않은 부분)";
        Arn => "ARN", "ARN";
        Via => "via", "경로";
        RuleLink => "Rule", "규칙";
        AwsDocs => "AWS documentation", "AWS 문서";
        Legend => "Legend", "범례";
        StatusIdle => "idle", "대기";
        StatusRunning => "running", "실행 중";
        StatusRetrying => "retrying", "재시도 대기";
        StatusSucceeded => "succeeded", "성공";
        StatusFailed => "failed", "실패";
        StatusThrottled => "throttled", "스로틀";
        StatusBlocked => "shard blocked", "샤드 막힘";
        StatusDropped => "dropped", "폐기";
        KindFunction => "Lambda function", "Lambda 함수";
        KindQueue => "SQS queue", "SQS 큐";
        KindTopic => "SNS topic", "SNS 토픽";
        KindEventBus => "EventBridge event bus", "EventBridge 이벤트 버스";
        KindBucket => "S3 bucket", "S3 버킷";
        KindKinesis => "Kinesis stream", "Kinesis 스트림";
        KindDynamoDb => "DynamoDB stream", "DynamoDB 스트림";
        KindKafka => "Kafka topic", "Kafka 토픽";
        KindMapping => "Event source mapping", "이벤트 소스 매핑";
        KindClient => "Client", "클라이언트";
        LinkSync => "invokes synchronously", "동기 호출";
        LinkSyncShort => "sync", "동기";
        LinkAsyncShort => "async", "비동기";
        LinkMappingShort => "ESM · sync", "ESM · 동기";
        LinkAsync => "invokes asynchronously", "비동기 호출";
        LinkMapping => "event source mapping (synchronous)", "이벤트 소스 매핑(동기)";
        LinkOnSuccess => "OnSuccess", "OnSuccess";
        LinkOnFailure => "OnFailure", "OnFailure";
        LinkMappingOnFailure => "mapping OnFailure", "매핑 OnFailure";
        LinkDlq => "dead-letter queue", "데드 레터 큐";
        LinkSubscription => "subscription", "구독";
        LinkRuleTarget => "rule target", "규칙 대상";
        LinkRedrive => "redrive", "리드라이브";
        Queued => "queued", "대기 중";
        Attempt => "attempt", "시도";
        Messages => "messages", "메시지";
        NextAttemptIn => "next attempt in", "다음 시도까지";
        RecoveryTitle => "Something went wrong", "문제가 발생했습니다";
        RecoveryBody => "The playground hit an internal error and stopped. Your scenario is safe: download it, then reload the page and open it again.", "플레이그라운드에서 내부 오류가 발생해 중지되었습니다. 시나리오는 안전합니다. 파일로 내려받은 뒤 페이지를 새로 고쳐 다시 여세요.";
        RecoveryDownload => "Download the scenario", "시나리오 내려받기";
        RecoveryReload => "Reload the playground", "플레이그라운드 새로 고침";
        RecoveryDetails => "Technical details", "기술 정보";
        EndOfRun => "End of run.", "실행이 끝났습니다.";
        InvokeTitle => "Invoke a function", "함수 호출";
        Show => "Show", "표시";
        KeepRun => "Keep this run to compare", "비교를 위해 이 실행 보관";
        ForgetRun => "Forget the kept run", "보관한 실행 지우기";
        KeptTitle => "Compared with the kept run", "보관한 실행과 비교";
        SameRun => "The runs are the same.", "두 실행이 같습니다.";
        PartsAtStep => "The runs part at step", "두 실행이 갈라지는 단계";
        TargetHeader => "Target", "대상";
        KeptHeader => "Kept run", "보관한 실행";
        NowHeader => "Now", "현재";
        SaveFile => "Save as file", "파일로 저장";
        OpenFile => "Open file…", "파일 열기…";
        FromFile => "(opened from a file)", "(파일에서 열림)";
        CannotOpen => "Could not open", "열 수 없습니다";
        KeptCurrent => "Your current scenario is unchanged.", "현재 시나리오는 그대로입니다.";
        Dismiss => "Dismiss", "닫기";
        Outline => "Text outline of the diagram", "다이어그램 텍스트 개요";
        AwsCli => "The same with the AWS CLI", "AWS CLI로 같은 구성";
        StorageBlocked => "This browser does not let the playground save your work, so it is kept in memory only: download it before you close the page.", "이 브라우저는 작업 저장을 허용하지 않아 메모리에만 보관됩니다. 페이지를 닫기 전에 내려받으세요.";
        NewVersionReady => "A new version is ready. Reload to use it.", "새 버전이 준비되었습니다. 다시 불러와 사용하세요.";
        Reload => "Reload", "다시 불러오기";
        ToolsUnavailable => "Exports and imports are not available: their tools could not be loaded", "내보내기와 가져오기를 사용할 수 없습니다. 필요한 도구를 불러오지 못했습니다";
        ToolsRetry => "Check your connection, then try again: nothing on your diagram was changed.", "연결을 확인한 뒤 다시 시도하세요. 다이어그램은 바뀌지 않았습니다.";
        CompareButton => "Compare sync, async and a mapping", "동기·비동기·매핑 비교";
        CompareTitle => "The same event, three ways", "같은 이벤트, 세 가지 호출 방식";
        CompareIntro => "The same payload sent to the same function synchronously, asynchronously, and as a Kinesis record read by an event source mapping. Only the invocation path differs.", "같은 페이로드를 같은 함수에 동기, 비동기, 이벤트 소스 매핑이 읽는 Kinesis 레코드로 보냈습니다. 호출 경로만 다릅니다.";
        PathSync => "Synchronous (RequestResponse)", "동기(RequestResponse)";
        PathAsync => "Asynchronous (Event)", "비동기(Event)";
        PathEsm => "Event source mapping (Kinesis)", "이벤트 소스 매핑(Kinesis)";
        Close => "Close", "닫기";
        Details => "Details", "자세히";
        Menu => "Menu", "메뉴";
        FullScreen => "Full screen", "전체 화면";
        ReachedNothing => "No destination received anything.", "어떤 대상도 받지 못했습니다.";
        SendToResource => "Send something here", "여기로 보내기";
        MessageBody => "Message body", "메시지 본문";
        ObjectKey => "Object key", "객체 키";
        PartitionKey => "Partition key", "파티션 키";
        RecordData => "Data (JSON)", "데이터(JSON)";
        RecordKey => "Record key", "레코드 키";
        EventDetail => "Event detail (JSON)", "이벤트 detail(JSON)";
        ItemJson => "Item (DynamoDB JSON)", "항목(DynamoDB JSON)";
        NotJson => "This is not valid JSON, so nothing was sent", "올바른 JSON이 아니어서 보내지 않았습니다";
        FieldNotes => "What each field means", "각 필드의 의미";
        NoteVersion => "Record format version.", "레코드 형식 버전입니다.";
        NoteTimestamp => "When Lambda wrote the record: UTC, ISO-8601 with milliseconds.", "Lambda가 레코드를 쓴 시각입니다(UTC, 밀리초 포함 ISO-8601).";
        NoteRequestId => "The invocation's request ID; it stays the same on every retry.", "호출의 요청 ID입니다. 재시도해도 같습니다.";
        NoteFunctionArn => "The function that ran: qualified (…:$LATEST) in async records, unqualified in event source mapping records.", "실행된 함수입니다. 비동기 레코드는 한정자 포함(…:$LATEST), 이벤트 소스 매핑 레코드는 한정자 없음.";
        NoteCondition => "Why the record was sent: Success, RetriesExhausted, EventAgeExceeded or ZeroReservedConcurrency for async invocations; RetryAttemptsExhausted or RecordAgeExceeded for mappings.", "레코드를 보낸 이유입니다. 비동기: Success, RetriesExhausted, EventAgeExceeded, ZeroReservedConcurrency. 매핑: RetryAttemptsExhausted, RecordAgeExceeded.";
        NoteInvokeCount => "How many times Lambda ran the function for this event; 0 when it never ran.", "이 이벤트로 함수가 실행된 횟수입니다. 한 번도 실행되지 않았으면 0입니다.";
        NoteRequestPayload => "The original event, embedded as JSON.", "원래 이벤트가 JSON으로 들어 있습니다.";
        NoteResponseContext => "statusCode is 200 even when the function failed: the invoke itself worked. functionError is Unhandled after an error, absent after success, and null when a batch failed through batchItemFailures.", "함수가 실패해도 statusCode는 200입니다(호출 자체는 성공). functionError는 오류 시 Unhandled, 성공 시 없음, batchItemFailures로 실패하면 null입니다.";
        NoteResponsePayload => "What the last attempt returned, or the error it threw.", "마지막 시도가 반환한 값 또는 발생시킨 오류입니다.";
        NoteBatchInfo => "Where the failed records are: metadata only, not the records. Read them back from the stream before they expire.", "실패한 레코드의 위치 정보(메타데이터)만 있습니다. 만료되기 전에 스트림에서 다시 읽어야 합니다.";
        NotePayload => "The whole invocation event as an escaped JSON string (S3 destinations only).", "전체 호출 이벤트를 이스케이프된 JSON 문자열로 담습니다(S3 대상만).";
        DlqInstead => "What a dead-letter queue would have received instead", "데드 레터 큐였다면 받았을 내용";
        DlqExplain => "A DLQ gets only the original event, with RequestID, ErrorCode and ErrorMessage as message attributes; an OnFailure destination gets the whole invocation record.", "DLQ는 원래 이벤트와 RequestID, ErrorCode, ErrorMessage 메시지 속성만 받습니다. OnFailure 대상은 전체 호출 레코드를 받습니다.";
        FilterAll => "All events", "모든 이벤트";
        FilterDecisions => "Decisions", "결정";
        FilterDeliveries => "Deliveries", "전달";
        FilterFailures => "Failures", "실패";
        FilterSelected => "The selected resource", "선택한 리소스";
        NoMatchingEvents => "No event so far matches this filter.", "지금까지 이 필터와 일치하는 이벤트가 없습니다.";
        FunctionLabel => "Function", "함수";
        InvocationTypeLabel => "InvocationType", "InvocationType(호출 유형)";
        PayloadLabel => "Payload (JSON)", "페이로드(JSON)";
        Send => "Send", "보내기";
        PayloadInvalid => "The payload is not valid JSON, so nothing was sent", "페이로드가 올바른 JSON이 아니어서 보내지 않았습니다";
        HintRequestResponse => "Synchronous: the caller waits for the result or the error. Lambda does not retry, and destinations do not fire.", "동기: 호출자가 결과나 오류를 기다립니다. Lambda는 재시도하지 않으며 Destinations도 발동하지 않습니다.";
        HintEvent => "Asynchronous: Lambda answers 202 at once and queues the event. Retries, event age, destinations and the DLQ apply.", "비동기: Lambda가 즉시 202를 응답하고 이벤트를 큐에 넣습니다. 재시도, 이벤트 나이, Destinations, DLQ가 적용됩니다.";
        HintDryRun => "DryRun: Lambda checks the parameters and your permission only. Nothing runs (204).", "DryRun: 매개변수와 권한만 확인합니다. 아무것도 실행되지 않습니다(204).";
        CallerGot => "The caller got", "호출자가 받은 응답";
        AddedInputs => "Added to the timeline", "타임라인에 추가됨";
        RemoveAdded => "Remove what I added", "추가한 항목 제거";
        FaultsTitle => "Inject a fault from this step", "이 단계부터 장애 주입";
        FaultFailNext => "Fail the next attempt", "다음 시도 실패";
        FaultTimeoutNext => "Time out the next attempt", "다음 시도 시간 초과";
        FaultThrottleNext => "Throttle the next attempt", "다음 시도 스로틀";
        FaultZeroConcurrency => "Set reserved concurrency to 0", "예약 동시성을 0으로 설정";
        FaultRevoke => "Revoke its destination permissions", "대상 권한 회수";
        FaultDelete => "Delete this resource", "이 리소스 삭제";
        Palette => "Add to the diagram", "다이어그램에 추가";
        PaletteHint => "Click to add, or drag onto the canvas", "클릭해 추가하거나 캔버스로 끌어 놓으세요";
        Undo => "Undo", "실행 취소";
        Redo => "Redo", "다시 실행";
        Tidy => "Tidy up (left to right)", "정리(왼쪽에서 오른쪽으로)";
        ZoomIn => "Zoom in", "확대";
        ZoomOut => "Zoom out", "축소";
        FitView => "Fit to view", "화면에 맞추기";
        NewEmpty => "New empty diagram", "빈 다이어그램 새로 만들기";
        Shortcuts => "Keyboard shortcuts", "키보드 단축키";
        EditTitle => "Edit", "편집";
        Name => "Name", "이름";
        Remove => "Remove from the diagram", "다이어그램에서 제거";
        Duplicate => "Duplicate", "복제";
        LinkTo => "Link to…", "연결하기…";
        Links => "Links", "연결";
        Unlink => "Remove link", "연결 제거";
        LinkFromTitle => "Link from", "연결 시작";
        ChooseTarget => "Choose what to link it to", "연결할 대상을 고르세요";
        ChooseLinkKind => "How should they be linked?", "어떻게 연결할까요?";
        LinkRefused => "AWS refuses this link", "AWS가 이 연결을 거부합니다";
        NoLinkBetween => "Nothing in AWS links these two kinds of resource directly.", "AWS에는 이 두 종류의 리소스를 직접 잇는 연결이 없습니다.";
        AlreadyLinked => "These two are already linked that way.", "이미 그렇게 연결되어 있습니다.";
        Missing => "That resource is no longer on the diagram.", "그 리소스는 더 이상 다이어그램에 없습니다.";
        EmptyName => "A name can't be empty.", "이름은 비워 둘 수 없습니다.";
        Alternatives => "Accepted instead", "대신 가능한 연결";
        ShortcutLink => "Link from the focused node", "포커스된 노드에서 연결";
        ShortcutMove => "Move the focused node", "포커스된 노드 이동";
        ShortcutFocus => "Move focus between nodes", "노드 사이 포커스 이동";
        ShortcutOpen => "Select (opens the inspector)", "선택(인스펙터 열기)";
        ShortcutDelete => "Remove the selection", "선택 항목 제거";
        ShortcutCopy => "Copy, paste, duplicate", "복사, 붙여넣기, 복제";
        ShortcutPlay => "Play or pause (held down, a drag anywhere pans the diagram)", "재생 또는 일시 정지(누른 채 끌면 다이어그램 이동)";
        ShortcutStep => "Step back or forward", "한 단계 뒤로 또는 앞으로";
        ShortcutDecision => "Previous or next decision", "이전 또는 다음 결정";
        ShortcutSpeed => "Slower or faster", "느리게 또는 빠르게";
        ShortcutSheet => "Show this list", "이 목록 보기";
        ShortcutPan => "Pan (drag the background, Space+drag, or two fingers), box select (Shift+drag), zoom (wheel, or pinch)", "이동(배경 끌기, Space+끌기 또는 두 손가락), 영역 선택(Shift+끌기), 확대/축소(휠 또는 핀치)";
        Minimap => "Overview of the whole diagram", "전체 다이어그램 개요";
        EmptyCanvas => "The canvas is empty. Add a function, a queue or a bucket from the palette above, then drag from a node's right edge to another node to link them.", "캔버스가 비어 있습니다. 위 팔레트에서 함수, 큐, 버킷을 추가한 다음, 노드의 오른쪽 가장자리에서 다른 노드로 끌어 연결하세요.";
        Port => "Drag to link", "끌어서 연결";
        Settings => "Settings", "설정";
        DefaultValue => "default", "기본값";
        NotANumber => "Not a whole number", "정수가 아닙니다";
        Export => "Export", "내보내기";
        ExportCfnYaml => "CloudFormation template (YAML)", "CloudFormation 템플릿(YAML)";
        ExportCfnJson => "CloudFormation template (JSON)", "CloudFormation 템플릿(JSON)";
        ExportSam => "AWS SAM template", "AWS SAM 템플릿";
        ExportTerraform => "Terraform configuration", "Terraform 구성";
        ExportCli => "AWS CLI script", "AWS CLI 스크립트";
        Share => "Share link", "링크 공유";
        ShareTitle => "Share this scenario", "이 시나리오 공유";
        ShareExplain => "The link carries the whole diagram, the behaviours you chose and what you added to the timeline. Nothing is uploaded: it all lives in the link.", "링크에 다이어그램 전체, 고른 동작, 타임라인에 추가한 항목이 담깁니다. 아무것도 업로드되지 않으며 모두 링크 안에 있습니다.";
        CopyLink => "Copy link", "링크 복사";
        Link => "Link", "링크";
        Characters => "characters", "자";
        IncludeStep => "Open at the current step", "현재 단계에서 열기";
        LinkTooLong => "This link is longer than 8,000 characters: some chat tools and browsers cut long links. Save the scenario as a file and share that instead.", "이 링크는 8,000자를 넘습니다. 일부 채팅 도구와 브라우저는 긴 링크를 자릅니다. 시나리오를 파일로 저장해 공유하세요.";
        LinkBroken => "This shared link could not be opened:", "이 공유 링크를 열 수 없습니다:";
        Import => "Import", "가져오기";
        ImportTitle => "Import AWS CLI commands or a template", "AWS CLI 명령이나 템플릿 가져오기";
        ImportExplain => "Paste AWS CLI commands (like the two in the brief) or a CloudFormation or SAM template in YAML or JSON. Whatever the playground does not understand is listed, never dropped silently.", "AWS CLI 명령(브리프의 두 명령처럼)이나 YAML/JSON 형식의 CloudFormation 또는 SAM 템플릿을 붙여 넣으세요. 플레이그라운드가 이해하지 못한 내용은 조용히 버리지 않고 목록으로 보여 줍니다.";
        NotUnderstood => "Not understood by the import", "가져오기에서 이해하지 못한 내용";
        FixRedrive => "Fix as AWS recommends: a redrive policy on the source queue", "AWS 권장대로 고치기: 소스 큐에 리드라이브 정책";
        Embed => "Embed", "임베드";
        EmbedTitle => "Embed this scenario in a page", "이 시나리오를 페이지에 임베드";
        EmbedExplain => "Paste the snippet into a documentation page or a course. The embed sizes itself, starts at the current step, and never reads or changes what the reader saved (their diagrams, their language).", "스니펫을 문서 페이지나 강의에 붙여 넣으세요. 임베드는 높이를 스스로 맞추고, 현재 단계에서 시작하며, 읽는 사람이 저장한 다이어그램과 언어 설정을 읽거나 바꾸지 않습니다.";
        EmbedShows => "The embed shows", "임베드에 보일 내용";
        EmbedPlayer => "The player: watch and step through the run", "플레이어: 실행을 보고 단계별로 이동";
        EmbedEditor => "The editor: build and change the diagram", "편집기: 다이어그램을 만들고 바꾸기";
        EmbedFull => "Everything but the page header", "페이지 머리글을 뺀 전체";
        Autoplay => "Play as soon as it loads", "로드되면 바로 재생";
        IframeSnippet => "Iframe snippet", "iframe 스니펫";
        PosterSnippet => "Poster snippet: a picture of the diagram with a Play button; nothing of the playground loads until the reader presses it (best for pages with several demos)", "포스터 스니펫: 다이어그램 그림과 재생 버튼입니다. 읽는 사람이 누르기 전에는 플레이그라운드를 전혀 불러오지 않습니다(데모가 여러 개인 페이지에 알맞습니다)";
        CopyPoster => "Copy poster snippet", "포스터 스니펫 복사";
        DiagramShows => "Diagram: {nodes}", "다이어그램: {nodes}";
        PlainLink => "Plain link (for hosts that show no HTML)", "일반 링크(HTML을 표시하지 않는 곳용)";
        CopySnippet => "Copy snippet", "스니펫 복사";
        OpenFull => "Open in the playground ↗", "플레이그라운드에서 열기 ↗";
        ExportSvg => "Picture (SVG, opens again as a scenario)", "그림(SVG, 시나리오로 다시 열 수 있음)";
        ExportPng => "Picture (PNG)", "그림(PNG)";
        MyDiagrams => "My diagrams", "내 다이어그램";
        DiagramName => "Name of this diagram", "이 다이어그램의 이름";
        SaveAs => "Save under this name", "이 이름으로 저장";
        NoDiagrams => "No saved diagrams yet.", "저장한 다이어그램이 아직 없습니다.";
        DeleteDiagram => "Delete the saved diagram", "저장한 다이어그램 삭제";
    // A link as its node reads it. The Korean text follows the other resource's name and begins
    // with its particle in the form after a consonant; `engine::korean::join` picks the form the
    // name takes ("clickstream을", "images를", "image-alerts로").
        InSync => "invoked synchronously by", "에서 동기 호출됨";
        InAsync => "invoked asynchronously by", "에서 비동기 호출됨";
        InMapping => "invoked by an event source mapping reading", "을 읽는 이벤트 소스 매핑이 호출함";
        InOnSuccess => "receives the success records of", "의 성공 레코드를 받음";
        InOnFailure => "receives the failure records of", "의 실패 레코드를 받음";
        InMappingOnFailure => "receives the failed batches of", "의 실패한 배치 정보를 받음";
        InDlq => "is the dead-letter queue of", "의 데드 레터 큐";
        InSubscription => "subscribed to", "을 구독함";
        InRuleTarget => "receives events by a rule on", "의 규칙으로 이벤트를 받음";
        InRedrive => "receives the redriven messages of", "에서 리드라이브된 메시지를 받음";
        OutSync => "invokes synchronously", "을 동기 호출함";
        OutAsync => "invokes asynchronously", "을 비동기 호출함";
        OutMapping => "is read by an event source mapping that invokes", "을 호출하는 이벤트 소스 매핑이 읽음";
        OutOnSuccess => "on success sends to", "으로 성공 시 보냄";
        OutOnFailure => "on failure sends to", "으로 실패 시 보냄";
        OutMappingOnFailure => "sends failed batches to", "으로 실패한 배치를 보냄";
        OutDlq => "sends what fails to its dead-letter queue", "을 데드 레터 큐로 사용";
        OutSubscription => "delivers to", "으로 전달함";
        OutRuleTarget => "routes events to", "으로 이벤트를 라우팅함";
        OutRedrive => "redrives failing messages to", "으로 실패한 메시지를 리드라이브함";
        NoFunctions => "This scenario has no function to invoke.", "이 시나리오에는 호출할 함수가 없습니다.";
        Lessons => "Lessons", "실습";
        LessonLoading => "Loading the lesson…", "실습을 불러오는 중…";
        LessonLoadError => "The lesson could not be loaded: {why}", "실습을 불러오지 못했습니다: {why}";
        LessonHint => "Hint", "힌트";
        LessonShowSolution => "Show solution", "정답 보기";
        LessonResetStep => "Reset step", "이 단계 다시";
        ShortcutLessonSteps => "Next or previous step of the lesson", "실습의 다음 또는 이전 단계";
        NotesWaiting => "Waiting for the presenter's window…", "발표자 창을 기다리는 중…";
        VersionsTitle => "Versions and aliases", "버전과 별칭";
        VersionsHint => "A published version keeps no destinations from $LATEST; an alias has only the destinations set on it.", "게시한 버전은 $LATEST의 대상을 물려받지 않고, 별칭은 별칭에 설정한 대상만 가집니다.";
        VersionN => "Version {n}", "버전 {n}";
        PublishVersion => "Publish version", "버전 게시";
        AliasPointsTo => "Alias {name} → version {version}", "별칭 {name} → 버전 {version}";
        AliasOnSuccess => "OnSuccess of the alias", "별칭의 OnSuccess";
        AliasOnFailure => "OnFailure of the alias", "별칭의 OnFailure";
        NoDestination => "None", "없음";
        AliasName => "New alias name", "새 별칭 이름";
        AliasVersion => "Points to version", "가리킬 버전";
        CreateAlias => "Create alias", "별칭 만들기";
        QualifierLabel => "Version or alias", "버전 또는 별칭";
        Unqualified => "None (unqualified: $LATEST)", "없음(한정자 없음: $LATEST)";
        TryFail => "Try this: make {function} fail and play again", "해 보기: {function} 함수를 실패시키고 다시 재생";
        TrySucceed => "Try this: make {function} succeed and play again", "해 보기: {function} 함수를 성공시키고 다시 재생";
        TryWhere => "Its record then goes to {target} through {via}.", "그러면 레코드가 {via} 경로로 {target}에 갑니다.";
        AboutScenario => "What this scenario shows", "이 시나리오에서 볼 내용";
        GuideEmpty => "Nothing to play yet. Add a function from the palette, link a client or a source to it, then send something in from the Send / Invoke panel.", "아직 재생할 것이 없습니다. 팔레트에서 함수를 추가하고, 클라이언트나 소스를 함수에 연결한 다음, 보내기/호출 패널에서 무언가를 보내세요.";
        GuideNoInputs => "Nothing is sent in yet: select a source and use Send something here, or invoke a function in the Invoke panel.", "아직 보낸 것이 없습니다. 소스를 선택해 '여기로 보내기'를 쓰거나 호출 패널에서 함수를 호출하세요.";
        ResultsWent => "Where results went:", "결과가 간 곳:";
        ReachedThrough => "{n} delivered to {target} through {via}", "{target}에 {via} {n}건 도착";
        ReplaceTitle => "Replace the destination?", "대상을 바꿀까요?";
        ReplaceAsk => "{function} already sends {side} to {old}; replace it with {new}?", "{function} 이미 {side} {old} 보냅니다. {new} 바꿀까요?";
        Replace => "Replace", "바꾸기";
        Cancel => "Cancel", "취소";
        LessonKeeps => "This lesson keeps {name}: it cannot be removed or renamed while the lesson is open.", "이 실습이 진행되는 동안에는 {name} 리소스를 삭제하거나 이름을 바꿀 수 없습니다.";
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_exists_in_english_and_korean() {
        for key in T::ALL {
            assert!(!key.get(Lang::En).is_empty(), "{key:?} has no English text");
            assert!(!key.get(Lang::Ko).is_empty(), "{key:?} has no Korean text");
        }
    }

    #[test]
    fn korean_texts_choose_their_particles_rather_than_show_both() {
        let both = [
            "(을)", "(를)", "(이)", "(가)", "(은)", "(는)", "(와)", "(과)", "(으)",
        ];
        let shown: Vec<_> = T::ALL
            .iter()
            .filter(|k| both.iter().any(|b| k.get(Lang::Ko).contains(b)))
            .collect();
        assert!(shown.is_empty(), "both forms of a particle: {shown:?}");
    }

    #[test]
    fn korean_texts_are_translated_not_copied() {
        let same: Vec<_> = T::ALL
            .iter()
            .filter(|k| k.get(Lang::En) == k.get(Lang::Ko))
            .filter(|k| !matches!(k, T::LinkOnSuccess | T::LinkOnFailure | T::Arn))
            .collect();
        assert!(same.is_empty(), "untranslated: {same:?}");
    }
}
