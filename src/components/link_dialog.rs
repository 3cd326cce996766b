//! The link dialog: pick the target (when linking from the keyboard), then the kind of link. Each
//! kind AWS would refuse is shown with AWS's answer, from the engine's validation; the kinds it
//! accepts are the alternatives.

use super::canvas::focus_node;
use super::dialog::{cancel_closes, use_modal};
use super::{kind_label, link_label};
use crate::i18n::Lang;
use crate::i18n::T;
use crate::state::Store;
use crate::state::{Action, Replacing};
use engine::diagram;
use engine::edit::{self, LinkOption};
use engine::korean::{attach, Particle};
use yew::prelude::*;

fn option_label(store: &Store, option: &LinkOption) -> String {
    let lang = store.lang;
    let label = link_label(option.link.kind).get(lang);
    match option.link.mapping {
        Some(i) => {
            let uuid = engine::topology::mapping_uuid(&store.base, i);
            format!("{label} ({} {uuid})", T::KindMapping.get(lang))
        }
        None => label.to_string(),
    }
}

/// The dialog, when `State::linking` is set, or asking before a link replaces a destination
/// when `State::replacing` is.
#[component]
pub fn LinkDialog() -> Html {
    let store = use_context::<Store>();
    let dialog = use_node_ref();
    let linking = store.as_ref().and_then(|s| s.linking);
    let replacing = store.as_ref().is_some_and(|s| s.replacing.is_some());
    use_modal(&dialog, linking.is_some() || replacing);
    // Focus the first choice whenever the dialog opens or moves to its next step.
    {
        let dialog = dialog.clone();
        use_effect_with((linking, replacing), move |_| {
            super::focus_first_button(&dialog);
        });
    }
    let Some(store) = store else {
        return html! {};
    };
    if let Some(pending) = &store.replacing {
        return replace_question(&store, pending, dialog);
    }
    let Some((from, to)) = linking else {
        return html! {};
    };
    let lang = store.lang;
    let topology = &store.sim.run.topology;
    let Some(source) = topology.resources.get(from as usize) else {
        return html! {};
    };
    let source_name = source.name.clone();
    let close = {
        let store = store.clone();
        let name = source_name.clone();
        Callback::from(move |_: ()| {
            store.dispatch(Action::Linking(None));
            focus_node_soon(&name);
        })
    };
    let onkeydown = super::dialog::escape_closes(&close);
    let body = match to.and_then(|to| topology.resources.get(to as usize).map(|r| (to, r))) {
        None => {
            let targets = diagram::nodes(topology).map(|id| {
                let target = topology.get(id);
                let onclick = {
                    let store = store.clone();
                    let source = source_name.clone();
                    Callback::from(move |_| {
                        store.dispatch(Action::LinkDropped(from, id));
                        focus_node_soon(&source);
                    })
                };
                html! {
                    <li><button type="button" {onclick} data-testid={format!("target-{}", target.name)}>
                        { format!("{} {}", kind_label(target.kind).get(lang), target.name) }
                    </button></li>
                }
            });
            html! {
                <>
                    <p>{ T::ChooseTarget.get(lang) }</p>
                    <ul class="choices">{ for targets }</ul>
                </>
            }
        }
        Some((_, target)) => {
            let options = edit::link_options(&store.base, &source.arn, &target.arn);
            let (accepted, refused): (Vec<&LinkOption>, Vec<&LinkOption>) =
                options.iter().partition(|o| o.accepted());
            let accepted_items = accepted.iter().map(|option| {
                let onclick = {
                    let store = store.clone();
                    let spec = option.link.clone();
                    let source = source_name.clone();
                    Callback::from(move |_| {
                        store.dispatch(Action::LinkChosen(spec.clone()));
                        focus_node_soon(&source);
                    })
                };
                html! {
                    <li><button type="button" {onclick} data-testid={format!("link-kind-{}", option.link.kind.as_str())}>
                        { option_label(&store, option) }
                    </button></li>
                }
            });
            let refused_items = refused.iter().map(|option| {
                html! {
                    <li class="refused" data-testid={format!("refused-{}", option.link.kind.as_str())}>
                        <strong>{ option_label(&store, option) }</strong>
                        { for option.refusal.iter().map(|f| html! { <p class="aws-error" role="alert">{ f.to_string() }</p> }) }
                    </li>
                }
            });
            html! {
                <>
                    <p>{ format!("{} {} → {} {}", kind_label(source.kind).get(lang), source.name, kind_label(target.kind).get(lang), target.name) }</p>
                    if options.is_empty() {
                        <p class="aws-error" role="alert" data-testid="no-link">{ T::NoLinkBetween.get(lang) }</p>
                    }
                    if !refused.is_empty() {
                        <h3>{ T::LinkRefused.get(lang) }</h3>
                        <ul class="refusals">{ for refused_items }</ul>
                    }
                    if !accepted.is_empty() {
                        <h3>{ if refused.is_empty() { T::ChooseLinkKind.get(lang) } else { T::Alternatives.get(lang) } }</h3>
                        <ul class="choices">{ for accepted_items }</ul>
                    }
                </>
            }
        }
    };
    let onclick_close = {
        let close = close.clone();
        Callback::from(move |_| close.emit(()))
    };
    html! {
        <dialog ref={dialog} class="dialog" aria-labelledby="link-dialog-title" data-testid="link-dialog" {onkeydown} oncancel={cancel_closes(&close)}>
                <h2 id="link-dialog-title">{ format!("{}: {}", T::LinkFromTitle.get(lang), source_name) }</h2>
                { body }
                <button type="button" class="dialog-close" onclick={onclick_close} data-testid="dialog-close">{ T::Close.get(lang) }</button>
        </dialog>
    }
}

/// Asks before a destination link replaces the function's destination on the same side:
/// Replace makes the link as one change, Cancel (or Escape) keeps the old one; either way the
/// focus goes back to the function.
fn replace_question<'a>(store: &'a Store, pending: &'a Replacing, dialog: NodeRef) -> Html {
    let lang = store.lang;
    let topology = &store.sim.run.topology;
    let name = |arn: &'a str| topology.by_arn(arn).map_or(arn, |id| topology.name(id));
    let function = name(&pending.link.from).to_string();
    let side = link_label(pending.link.kind).get(lang);
    let [old, new] = [name(&pending.old), name(&pending.link.to)];
    // In Korean each name takes the particle its last sound asks for.
    let words = match lang {
        Lang::En => [function.clone(), side.into(), old.into(), new.into()],
        Lang::Ko => [
            attach(&function, Particle::Topic),
            attach(side, Particle::Object),
            attach(old, Particle::Toward),
            attach(new, Particle::Toward),
        ],
    };
    let question = T::ReplaceAsk
        .get(lang)
        .replace("{function}", &words[0])
        .replace("{side}", &words[1])
        .replace("{old}", &words[2])
        .replace("{new}", &words[3]);
    let answer = |replace: bool| {
        let store = store.clone();
        let function = function.clone();
        Callback::from(move |_: ()| {
            store.dispatch(Action::ConfirmReplace(replace));
            focus_node_soon(&function);
        })
    };
    let cancel = answer(false);
    let button = |label: T, test: &'static str, answer: Callback<()>| {
        html! { <button type="button" onclick={move |_| answer.emit(())} data-testid={test}>{ label.get(lang) }</button> }
    };
    html! {
        <dialog ref={dialog} class="dialog" aria-labelledby="link-dialog-title" aria-describedby="replace-question"
            data-testid="replace-dialog" onkeydown={super::dialog::escape_closes(&cancel)} oncancel={cancel_closes(&cancel)}>
            <h2 id="link-dialog-title">{ T::ReplaceTitle.get(lang) }</h2>
            <p id="replace-question" data-testid="replace-question">{ question }</p>
            { button(T::Replace, "replace-confirm", answer(true)) }
            { button(T::Cancel, "replace-cancel", cancel) }
        </dialog>
    }
}

/// Focuses the node the link started from once the dialog is gone: while it is open, the page
/// behind it takes no focus (so when the dialog moves on to its next step, this does nothing).
fn focus_node_soon(name: &str) {
    let name = name.to_string();
    gloo::timers::callback::Timeout::new(0, move || focus_node(&name)).forget();
}
