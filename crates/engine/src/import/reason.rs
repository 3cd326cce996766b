//! Why a piece of an imported text was left out, worded in English and Korean.

use crate::lang::Lang;

/// Why something was left out. Variants carry data so the app can word them in any language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// A command that is not an `aws` command (`cd`, `echo`, `jq`, ...).
    NotAwsCommand,
    /// An `aws` command the playground does not know.
    UnknownCommand,
    /// An option the command does not take (or the playground does not know).
    UnknownOption,
    /// Understood, but the playground does not simulate it (code, IAM, tags, ...).
    NotModelled,
    /// A `file://` or `fileb://` reference; the playground cannot read the file.
    FileReference {
        /// The reference.
        path: String,
    },
    /// A shell variable or command substitution that only a shell can expand.
    ShellExpansion {
        /// The text.
        text: String,
    },
    /// A value that is not what the field takes.
    BadValue {
        /// The value (shortened).
        value: String,
        /// What would be accepted.
        expected: &'static str,
    },
    /// A required option or property is missing.
    Missing {
        /// Its name.
        name: &'static str,
    },
    /// A CloudFormation resource type the playground does not model.
    UnknownResourceType {
        /// e.g. `AWS::StepFunctions::StateMachine`.
        type_name: String,
    },
    /// A property of a known resource type that the playground does not know.
    UnknownProperty,
    /// A reference to something that is not in the text and cannot be drawn.
    Unresolved {
        /// The reference (ARN, logical id, ...).
        reference: String,
    },
    /// An intrinsic function that cannot be evaluated without a stack (`Fn::If`,
    /// `Fn::ImportValue`, ...).
    Intrinsic {
        /// Its name.
        name: String,
    },
    /// An ARN in another account or region; the playground has one of each, so it is drawn there.
    OtherAccount {
        /// The ARN.
        arn: String,
    },
    /// Template conditions are not evaluated: every resource is drawn.
    Condition,
    /// AWS refuses the call: its error code and message (spec §2.9), and the rule.
    Refused {
        /// The rule applied.
        rule: crate::rules::RuleId,
        /// e.g. `InvalidParameterValueException`.
        code: &'static str,
        /// AWS's message.
        message: String,
    },
    /// A limit was reached: more than [`super::MAX_NOT_UNDERSTOOD`] notes, or more commands or words
    /// than the CLI reader takes.
    TooMany {
        /// How many were left out.
        more: usize,
    },
}

impl Reason {
    /// The reason in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use crate::korean::{attach, Particle::*};
        match (self, lang) {
            (Reason::NotAwsCommand, Lang::En) => "not an AWS CLI command".into(),
            (Reason::NotAwsCommand, Lang::Ko) => "AWS CLI 명령이 아닙니다".into(),
            (Reason::UnknownCommand, Lang::En) => "the playground does not know this command".into(),
            (Reason::UnknownCommand, Lang::Ko) => "플레이그라운드가 모르는 명령입니다".into(),
            (Reason::UnknownOption, Lang::En) => "the playground does not know this option".into(),
            (Reason::UnknownOption, Lang::Ko) => "플레이그라운드가 모르는 옵션입니다".into(),
            (Reason::NotModelled, Lang::En) => "understood, but not simulated by the playground".into(),
            (Reason::NotModelled, Lang::Ko) => "이해했지만 플레이그라운드가 시뮬레이션하지 않습니다".into(),
            (Reason::FileReference { path }, Lang::En) => format!("refers to the file {path}, which the playground cannot read; paste its content instead"),
            (Reason::FileReference { path }, Lang::Ko) => format!("파일 {} 가리킵니다. 플레이그라운드는 파일을 읽을 수 없으니 내용을 붙여 넣으세요", attach(path, Object)),
            (Reason::ShellExpansion { text }, Lang::En) => format!("{text} is expanded by a shell; paste the value instead"),
            (Reason::ShellExpansion { text }, Lang::Ko) => format!("{} 셸이 펼치는 값입니다. 실제 값을 붙여 넣으세요", attach(text, Topic)),
            (Reason::BadValue { value, expected }, Lang::En) => format!("'{value}' is not {expected}"),
            (Reason::BadValue { value, expected }, Lang::Ko) => format!("{} 올바른 값이 아닙니다(필요한 값: {expected})", attach(&format!("'{value}'"), Topic)),
            (Reason::Missing { name }, Lang::En) => format!("{name} is required"),
            (Reason::Missing { name }, Lang::Ko) => format!("{} 필요합니다", attach(name, Subject)),
            (Reason::UnknownResourceType { type_name }, Lang::En) => format!("the playground does not model {type_name}"),
            (Reason::UnknownResourceType { type_name }, Lang::Ko) => format!("플레이그라운드는 {} 다루지 않습니다", attach(type_name, Object)),
            (Reason::UnknownProperty, Lang::En) => "the playground does not know this property".into(),
            (Reason::UnknownProperty, Lang::Ko) => "플레이그라운드가 모르는 속성입니다".into(),
            (Reason::Unresolved { reference }, Lang::En) => format!("{reference} does not name anything the playground can draw"),
            (Reason::Unresolved { reference }, Lang::Ko) => format!("{} 플레이그라운드가 그릴 수 있는 리소스가 아닙니다", attach(reference, Topic)),
            (Reason::Intrinsic { name }, Lang::En) => format!("{name} cannot be evaluated without a stack"),
            (Reason::Intrinsic { name }, Lang::Ko) => format!("{} 스택 없이 계산할 수 없습니다", attach(name, Topic)),
            (Reason::OtherAccount { arn }, Lang::En) => format!("{arn} is in another account or region; the playground draws it in the scenario's own"),
            (Reason::OtherAccount { arn }, Lang::Ko) => format!("{} 다른 계정이나 리전에 있습니다. 플레이그라운드는 시나리오의 계정과 리전에 그립니다", attach(arn, Topic)),
            (Reason::Condition, Lang::En) => "conditions are not evaluated; the resource is drawn anyway".into(),
            (Reason::Condition, Lang::Ko) => "조건은 계산하지 않습니다. 리소스는 그대로 그립니다".into(),
            (Reason::Refused { code, message, .. }, Lang::En) => format!("AWS refuses this: {code}: {message}"),
            (Reason::Refused { code, message, .. }, Lang::Ko) => format!("AWS가 거부합니다: {code}: {message}"),
            (Reason::TooMany { more }, Lang::En) => format!("{more} more were left out: the import stops at a limit there"),
            (Reason::TooMany { more }, Lang::Ko) => format!("가져오기 한도에 도달해 {more}개를 더 생략했습니다"),
        }
    }
}
