//! Writing an async invocation record straight into a JSON text ([`JsonOut`] for a `String`),
//! or only counting its length ([`JsonLen`]), with the response payload as the function gave it.

/// Where a record is written without building a [`Value`]: a `String`, or [`JsonLen`], which
/// only counts (the size checks of spec §8 need the length of a body that is built only when
/// someone reads it).
pub trait JsonOut {
    /// Appends text as it is.
    fn raw(&mut self, text: &str);
    /// Appends the inside of a JSON string literal: `text` escaped exactly as serde_json does
    /// (`"`, `\\` and control characters; nothing else).
    fn escaped(&mut self, text: &str);
    /// Appends `text` as a JSON string literal, quotes included.
    fn string(&mut self, text: &str) {
        self.raw("\"");
        self.escaped(text);
        self.raw("\"");
    }
    /// Appends a number.
    fn number(&mut self, value: u64) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut rest = value;
        loop {
            at -= 1;
            digits[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        self.raw(std::str::from_utf8(&digits[at..]).unwrap_or_default());
    }
}

/// The escape of a byte inside a JSON string as serde_json writes it, if it needs one.
fn escape_of(byte: u8) -> Option<&'static str> {
    const CONTROL: [&str; 32] = [
        "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007",
        "\\b", "\\t", "\\n", "\\u000b", "\\f", "\\r", "\\u000e", "\\u000f", "\\u0010", "\\u0011",
        "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017", "\\u0018", "\\u0019",
        "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f",
    ];
    match byte {
        b'"' => Some("\\\""),
        b'\\' => Some("\\\\"),
        0..=0x1f => CONTROL.get(byte as usize).copied(),
        _ => None,
    }
}

impl JsonOut for String {
    fn raw(&mut self, text: &str) {
        self.push_str(text);
    }

    fn escaped(&mut self, text: &str) {
        let mut start = 0;
        for (i, byte) in text.bytes().enumerate() {
            if let Some(escape) = escape_of(byte) {
                // Escaped bytes are ASCII, so `i` is a character boundary.
                self.push_str(text.get(start..i).unwrap_or_default());
                self.push_str(escape);
                start = i + 1;
            }
        }
        self.push_str(text.get(start..).unwrap_or_default());
    }
}

/// Counts the bytes that would be written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JsonLen(pub usize);

impl JsonOut for JsonLen {
    fn raw(&mut self, text: &str) {
        self.0 += text.len();
    }

    fn escaped(&mut self, text: &str) {
        self.0 += text.len();
        for byte in text.bytes() {
            if let Some(escape) = escape_of(byte) {
                self.0 += escape.len() - 1;
            }
        }
    }
}

/// What a function answered, as the parts its JSON is written from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResponsePayload<'a> {
    /// A successful response: its JSON text, as it is.
    Json(&'a str),
    /// A function error: `{"errorMessage","errorType","requestId","stackTrace":[]}`.
    Error {
        /// `errorType`.
        error_type: &'a str,
        /// `errorMessage`.
        error_message: &'a str,
        /// The request id.
        request_id: &'a str,
    },
    /// A timeout: `{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: … Error: Task
    /// timed out after 3.00 seconds"}`.
    Timeout {
        /// The request id.
        request_id: &'a str,
        /// The function's timeout.
        timeout_ms: u64,
    },
}

impl ResponsePayload<'_> {
    /// True for an error or a timeout (`"functionError": "Unhandled"`).
    pub fn is_error(&self) -> bool {
        !matches!(self, ResponsePayload::Json(_))
    }

    /// The message of a timeout.
    pub fn timeout_message(request_id: &str, timeout_ms: u64) -> String {
        let seconds = timeout_ms as f64 / 1000.0;
        format!("RequestId: {request_id} Error: Task timed out after {seconds:.2} seconds")
    }

    /// `errorMessage`, for an error or a timeout.
    pub fn error_message(&self) -> Option<String> {
        match *self {
            ResponsePayload::Json(_) => None,
            ResponsePayload::Error { error_message, .. } => Some(error_message.to_string()),
            ResponsePayload::Timeout {
                request_id,
                timeout_ms,
            } => Some(Self::timeout_message(request_id, timeout_ms)),
        }
    }

    /// Writes the JSON of the response.
    pub fn write(&self, out: &mut impl JsonOut) {
        match *self {
            ResponsePayload::Json(text) => out.raw(text),
            ResponsePayload::Error {
                error_type,
                error_message,
                request_id,
            } => {
                out.raw("{\"errorMessage\":");
                out.string(error_message);
                out.raw(",\"errorType\":");
                out.string(error_type);
                out.raw(",\"requestId\":");
                out.string(request_id);
                out.raw(",\"stackTrace\":[]}");
            }
            ResponsePayload::Timeout {
                request_id,
                timeout_ms,
            } => {
                out.raw("{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":");
                out.string(&Self::timeout_message(request_id, timeout_ms));
                out.raw("}");
            }
        }
    }

    /// The JSON of the response.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }
}

/// The parts of an async invocation record (spec §4.1, §4.2), every JSON value already text.
#[derive(Clone, Copy, Debug)]
pub struct AsyncRecordParts<'a> {
    /// `timestamp`.
    pub timestamp: &'a str,
    /// `requestContext.requestId`.
    pub request_id: &'a str,
    /// `requestContext.functionArn` (qualified).
    pub function_arn: &'a str,
    /// `responseContext.executedVersion`.
    pub executed_version: &'a str,
    /// `requestContext.condition`.
    pub condition: &'a str,
    /// `requestContext.approximateInvokeCount`.
    pub approximate_invoke_count: u32,
    /// `requestPayload`, as JSON text.
    pub request_payload: &'a str,
    /// The last response, when the function ran.
    pub response: Option<ResponsePayload<'a>>,
}

/// Writes the async invocation record of spec §4.1 and §4.2: the same bytes as
/// [`async_record`], keys in AWS order.
pub fn write_async_record(out: &mut impl JsonOut, parts: &AsyncRecordParts<'_>) {
    out.raw("{\"version\":\"1.0\",\"timestamp\":");
    out.string(parts.timestamp);
    out.raw(",\"requestContext\":{\"requestId\":");
    out.string(parts.request_id);
    out.raw(",\"functionArn\":");
    out.string(parts.function_arn);
    out.raw(",\"condition\":");
    out.string(parts.condition);
    out.raw(",\"approximateInvokeCount\":");
    out.number(u64::from(parts.approximate_invoke_count));
    out.raw("},\"requestPayload\":");
    out.raw(parts.request_payload);
    if let Some(response) = &parts.response {
        out.raw(",\"responseContext\":{\"statusCode\":200,\"executedVersion\":");
        out.string(parts.executed_version);
        if response.is_error() {
            out.raw(",\"functionError\":\"Unhandled\"");
        }
        out.raw("},\"responsePayload\":");
        response.write(out);
    }
    out.raw("}");
}
