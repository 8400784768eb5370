//! A thread's messages arriving live. The page is server-rendered HTML (it reads
//! and posts without WASM); this small island follows the thread's stream and
//! writes each new or changed message into the list, posts the form without a
//! reload, and says when the connection is lost. The stream's events carry the
//! thread's change number as their id, so the browser's reconnection asks for
//! what it missed (`Last-Event-ID`) and the island applies each change once.

use super::types::MessageView;
use crate::components::islands::{join_fields, split_fields};
use leptos::prelude::*;

/// A message as the stream sends it: its fields in one line of text.
pub fn encode_message(m: &MessageView) -> String {
    let (id, seq) = (m.id.to_string(), m.seq.to_string());
    join_fields([
        id.as_str(),
        seq.as_str(),
        m.author_name.as_str(),
        m.author_role.as_str(),
        m.posted.as_str(),
        m.body.as_str(),
        if m.edited { "1" } else { "" },
        m.hidden_reason.as_deref().unwrap_or(""),
        if m.hidden_reason.is_some() { "1" } else { "" },
    ])
}

/// An encoded message read back (the browser's side; `editable` is the page's).
pub fn decode_message(text: &str) -> Option<MessageView> {
    let f: Vec<&str> = split_fields(text).collect();
    let [id, seq, author_name, author_role, posted, body, edited, reason, hidden] = f.as_slice()
    else {
        return None;
    };
    Some(MessageView {
        id: id.parse().ok()?,
        seq: seq.parse().ok()?,
        author_name: (*author_name).to_owned(),
        author_role: (*author_role).to_owned(),
        posted: (*posted).to_owned(),
        body: (*body).to_owned(),
        edited: !edited.is_empty(),
        hidden_reason: (!hidden.is_empty()).then(|| (*reason).to_owned()),
        editable: false,
    })
}

/// What the island needs: the stream's address (with the change number the page
/// was rendered at), the ids of the list and the form, and its few words.
pub struct FollowerConfig {
    pub stream_url: String,
    pub last_seq: i64,
    /// "disunting"
    pub edited: String,
    /// "Pesan disembunyikan oleh admin: {reason}" with `{reason}` to fill.
    pub hidden: String,
}

impl FollowerConfig {
    pub fn encode(&self) -> String {
        let seq = self.last_seq.to_string();
        join_fields([
            self.stream_url.as_str(),
            seq.as_str(),
            self.edited.as_str(),
            self.hidden.as_str(),
        ])
    }

    pub fn decode(text: &str) -> Option<Self> {
        let f: Vec<&str> = split_fields(text).collect();
        let [stream_url, seq, edited, hidden] = f.as_slice() else {
            return None;
        };
        Some(Self {
            stream_url: (*stream_url).to_owned(),
            last_seq: seq.parse().ok()?,
            edited: (*edited).to_owned(),
            hidden: (*hidden).to_owned(),
        })
    }
}

/// The list, the form and the status line the island works on (ids in the page).
pub const LIST_ID: &str = "feedback-messages";
pub const FORM_ID: &str = "feedback-form";
pub const STATUS_ID: &str = "feedback-status";
pub const EMPTY_ID: &str = "feedback-empty";

/// Follows a thread: `config` is a [`FollowerConfig`], encoded.
#[island(lazy)]
pub fn FeedbackFollower(config: String) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    if let Some(config) = FollowerConfig::decode(&config) {
        Effect::new(move |_| follow::start(&config));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = config;
    view! { <crate::components::islands::IslandRoot>""</crate::components::islands::IslandRoot> }
}

#[cfg(feature = "hydrate")]
mod follow {
    use super::{decode_message, FollowerConfig, EMPTY_ID, FORM_ID, LIST_ID, STATUS_ID};
    use crate::feedback::rules::{segments, Segment};
    use crate::feedback::types::MessageView;
    use leptos::prelude::*;
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, EventSource, HtmlFormElement, XmlHttpRequest};

    fn handler(f: impl FnMut(web_sys::Event) + 'static) -> Closure<dyn FnMut(web_sys::Event)> {
        Closure::wrap(Box::new(f) as Box<dyn FnMut(web_sys::Event)>)
    }

    struct Texts {
        edited: String,
        hidden: String,
    }

    pub fn start(config: &FollowerConfig) {
        let applied = Rc::new(Cell::new(config.last_seq));
        let texts = Rc::new(Texts {
            edited: config.edited.clone(),
            hidden: config.hidden.clone(),
        });
        connect(config.stream_url.clone(), applied, texts);
        intercept_form();
    }

    fn set_status(offline: bool) {
        if let Some(status) = document().get_element_by_id(STATUS_ID) {
            if offline {
                let _ = status.remove_attribute("hidden");
            } else {
                let _ = status.set_attribute("hidden", "");
            }
        }
    }

    /// Opens the stream. The browser reconnects by itself after a dropped
    /// connection (sending the last event's id); when it gives up (the server
    /// answered with an error while restarting), a new stream starts from the
    /// last change applied, a few seconds later.
    fn connect(url: String, applied: Rc<Cell<i64>>, texts: Rc<Texts>) {
        let since = applied.get();
        let address = format!(
            "{}&sejak={since}",
            url.split("&sejak=").next().unwrap_or(&url)
        );
        let Ok(source) = EventSource::new(&address) else {
            return;
        };
        let on_message = {
            let (applied, texts) = (applied.clone(), texts.clone());
            handler(move |ev| {
                let Some(ev) = ev.dyn_ref::<web_sys::MessageEvent>() else {
                    return;
                };
                let Some(message) = ev.data().as_string().and_then(|t| decode_message(&t)) else {
                    return;
                };
                if message.seq > applied.get() {
                    show(&message, &texts);
                    applied.set(message.seq);
                }
            })
        };
        source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let on_open = handler(|_| set_status(false));
        source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        on_open.forget();
        let retry_source = source.clone();
        let on_error = handler(move |_| {
            set_status(true);
            if retry_source.ready_state() == EventSource::CLOSED {
                let (url, applied, texts) = (url.clone(), applied.clone(), texts.clone());
                set_timeout(
                    move || connect(url, applied, texts),
                    std::time::Duration::from_secs(3),
                );
            }
        });
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
    }

    /// Writes a message into the list: replaces its earlier form (an edit, a
    /// hiding) or appends it.
    fn show(message: &MessageView, texts: &Texts) {
        let document = document();
        let Some(list) = document.get_element_by_id(LIST_ID) else {
            return;
        };
        if let Some(empty) = document.get_element_by_id(EMPTY_ID) {
            empty.remove();
        }
        let Ok(item) = document.create_element("li") else {
            return;
        };
        fill(&item, message, texts);
        match document.get_element_by_id(&format!("pesan-{}", message.id)) {
            Some(old) => {
                // Keep the author's own controls (edit) the page rendered.
                if let Some(controls) = old.query_selector("[data-controls]").ok().flatten() {
                    let _ = item.append_child(&controls);
                }
                let _ = old.replace_with_with_node_1(&item);
            }
            None => {
                let _ = list.append_child(&item);
            }
        }
    }

    fn element(tag: &str, class: &str, text: &str) -> Option<Element> {
        let el = document().create_element(tag).ok()?;
        el.set_class_name(class);
        el.set_text_content(Some(text));
        Some(el)
    }

    /// The same markup as the page's `MessageItem`.
    fn fill(item: &Element, m: &MessageView, texts: &Texts) {
        item.set_id(&format!("pesan-{}", m.id));
        item.set_class_name(super::super::pages::ITEM_CLASS);
        let _ = item.set_attribute("data-testid", "feedback-message");
        let Some(head) = element("p", super::super::pages::HEAD_CLASS, "") else {
            return;
        };
        for (tag, class, text) in [
            (
                "strong",
                "font-semibold text-slate-900",
                m.author_name.as_str(),
            ),
            ("span", "text-slate-500", m.author_role.as_str()),
            ("span", "text-slate-500", m.posted.as_str()),
        ] {
            if let Some(el) = element(tag, class, text) {
                let _ = head.append_child(&el);
            }
        }
        if m.edited {
            if let Some(el) = element("span", "italic text-slate-500", &texts.edited) {
                let _ = el.set_attribute("data-testid", "feedback-edited");
                let _ = head.append_child(&el);
            }
        }
        let _ = item.append_child(&head);
        if let Some(reason) = &m.hidden_reason {
            if let Some(el) = element(
                "p",
                super::super::pages::HIDDEN_CLASS,
                &texts.hidden.replace("{reason}", reason),
            ) {
                let _ = item.append_child(&el);
            }
            return;
        }
        let Some(body) = element("p", super::super::pages::BODY_CLASS, "") else {
            return;
        };
        let _ = body.set_attribute("data-testid", "feedback-body");
        for segment in segments(&m.body) {
            match segment {
                Segment::Text(text) => {
                    let _ = body.append_with_str_1(&text);
                }
                Segment::Link(href) => {
                    if let Some(a) = element("a", "text-emerald-800 underline", &href) {
                        let _ = a.set_attribute("href", &href);
                        let _ = a.set_attribute("rel", "nofollow noopener noreferrer");
                        let _ = a.set_attribute("target", "_blank");
                        let _ = body.append_child(&a);
                    }
                }
            }
        }
        let _ = item.append_child(&body);
    }

    fn fields(form: &HtmlFormElement) -> Option<String> {
        let data = web_sys::FormData::new_with_form(form).ok()?;
        web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data)
            .ok()?
            .to_string()
            .as_string()
    }

    /// The post form sends without a reload; the message comes back through the
    /// stream like everyone else's. When the post is refused or cannot be sent,
    /// the form is submitted as a plain form, so the page shows why.
    fn intercept_form() {
        let Some(form) = document()
            .get_element_by_id(FORM_ID)
            .and_then(|f| f.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let target = form.clone();
        let on_submit = handler(move |ev| {
            let (Some(body), Ok(xhr)) = (fields(&target), XmlHttpRequest::new()) else {
                return;
            };
            ev.prevent_default();
            if xhr.open("POST", &target.action()).is_err() {
                let _ = target.submit();
                return;
            }
            let _ = xhr.set_request_header("Content-Type", "application/x-www-form-urlencoded");
            let _ = xhr.set_request_header("Accept", "application/json");
            let (form, answer) = (target.clone(), xhr.clone());
            let loaded = handler(move |_| {
                if answer.status().unwrap_or(0) == 200 {
                    form.reset();
                } else {
                    let _ = form.submit();
                }
            });
            xhr.set_onload(Some(loaded.as_ref().unchecked_ref()));
            loaded.forget();
            let form = target.clone();
            let broken = handler(move |_| {
                let _ = form.submit();
            });
            xhr.set_onerror(Some(broken.as_ref().unchecked_ref()));
            broken.forget();
            let _ = xhr.send_with_opt_str(Some(&body));
        });
        let _ = form.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
        on_submit.forget();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_travels_as_one_line_of_fields() {
        let m = MessageView {
            id: 7,
            seq: 12,
            author_name: "Rahmat, S.H.".into(),
            author_role: "Atasan langsung".into(),
            posted: "2026-12-06 10:00 WIB".into(),
            body: "Baris satu\nbaris dua: https://a.b/c".into(),
            edited: true,
            hidden_reason: None,
            editable: true,
        };
        let back = decode_message(&encode_message(&m)).unwrap();
        assert_eq!(back.id, 7);
        assert_eq!(back.seq, 12);
        assert_eq!(back.body, m.body);
        assert!(back.edited);
        assert_eq!(back.hidden_reason, None);
        let hidden = MessageView {
            hidden_reason: Some("Kasar".into()),
            body: String::new(),
            ..m
        };
        assert_eq!(
            decode_message(&encode_message(&hidden))
                .unwrap()
                .hidden_reason
                .as_deref(),
            Some("Kasar")
        );
        assert_eq!(decode_message("1\u{1f}2"), None);
    }

    #[test]
    fn the_config_travels_as_one_text() {
        let c = FollowerConfig {
            stream_url: "/langsung/umpan-balik?subjek=rhk:1".into(),
            last_seq: 4,
            edited: "disunting".into(),
            hidden: "Disembunyikan: {reason}".into(),
        };
        let back = FollowerConfig::decode(&c.encode()).unwrap();
        assert_eq!(back.stream_url, c.stream_url);
        assert_eq!(back.last_seq, 4);
        assert_eq!(back.hidden, c.hidden);
    }
}
