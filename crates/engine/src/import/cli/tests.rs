//! Unit tests of the CLI importer's word splitting and shorthand parsing.

use super::{parse_structure, split};

#[test]
fn words_follow_shell_quoting_and_continuations() {
    let commands = split(
        "aws lambda x \\\n  --a 'one two' \\  \n  --b \"say \\\"hi\\\"\" --c=d # note\naws s3 mb s3://b; echo done",
    )
    .commands;
    let words: Vec<Vec<&str>> = commands
        .iter()
        .map(|c| c.words.iter().map(|w| w.text.as_str()).collect())
        .collect();
    assert_eq!(
        words,
        vec![
            vec![
                "aws",
                "lambda",
                "x",
                "--a",
                "one two",
                "--b",
                "say \"hi\"",
                "--c=d"
            ],
            vec!["aws", "s3", "mb", "s3://b"],
            vec!["echo", "done"],
        ]
    );
    assert_eq!(commands[0].words[4].line, 2);
    assert_eq!(commands[1].line, 4);
}

#[test]
fn here_documents_and_redirections_are_not_commands_or_arguments() {
    let split = split(
        "cat > app.py <<'EOF'\naws lambda invoke --function-name inside\nEOF\naws sqs create-queue --queue-name q > out.json 2>&1\n",
    );
    let words: Vec<Vec<&str>> = split
        .commands
        .iter()
        .map(|c| c.words.iter().map(|w| w.text.as_str()).collect())
        .collect();
    assert_eq!(
        words,
        vec![
            vec!["cat"],
            vec!["aws", "sqs", "create-queue", "--queue-name", "q"],
        ]
    );
    assert_eq!(split.commands[1].line, 4);
}

#[test]
fn shorthand_reads_nested_structures() {
    assert_eq!(
        parse_structure("OnFailure={Destination=arn:aws:sqs:us-east-2:123456789012:q}"),
        Some(
            serde_json::json!({"OnFailure": {"Destination": "arn:aws:sqs:us-east-2:123456789012:q"}})
        )
    );
    assert_eq!(
        parse_structure("Id=1,Arn=arn:aws:lambda:us-east-2:123456789012:function:f"),
        Some(
            serde_json::json!({"Id": "1", "Arn": "arn:aws:lambda:us-east-2:123456789012:function:f"})
        )
    );
    assert_eq!(parse_structure("not shorthand"), None);
}
