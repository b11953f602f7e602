//! Reading a contact directory (see docs/questionnaires.md, "Contact directory").

use super::{Json, Object, boolean, list, string, text, uint, variant};
use crate::contacts::{Channel, ChannelKind, Contact, ContactKind, Directory};
use crate::error::{Errors, Kind};

const KINDS: [(&str, ContactKind); 6] = [
    ("ngo", ContactKind::Ngo),
    ("international", ContactKind::International),
    ("health", ContactKind::Health),
    ("government", ContactKind::Government),
    ("emergency", ContactKind::Emergency),
    ("police", ContactKind::Police),
];

const CHANNELS: [(&str, ChannelKind); 5] = [
    ("phone", ChannelKind::Phone),
    ("whatsapp", ChannelKind::Whatsapp),
    ("telegram", ChannelKind::Telegram),
    ("email", ChannelKind::Email),
    ("web", ChannelKind::Web),
];

pub fn directory<J: Json>(v: &J, e: &mut Errors) -> Option<Directory> {
    let o = Object::new(v, "$", &["schema", "example", "contacts"], e)?;
    let schema = o.field("schema", e, uint);
    let example = o.optional("example", e, boolean);
    let contacts = o.field("contacts", e, |v, p, e| list(v, p, e, contact));
    Some(Directory {
        schema: schema?,
        example: example.ok()?.unwrap_or(false),
        contacts: contacts?,
    })
}

fn contact<J: Json>(v: &J, path: &str, e: &mut Errors) -> Option<Contact> {
    let o = Object::new(
        v,
        path,
        &[
            "id",
            "name",
            "kind",
            "topics",
            "description",
            "channels",
            "reachable_from",
            "hours",
            "verified",
            "source",
        ],
        e,
    )?;
    let id = o.field("id", e, string);
    let name = o.field("name", e, text);
    let kind = o.field("kind", e, |v, p, e| variant(v, p, e, &KINDS));
    let topics = o.field("topics", e, |v, p, e| list(v, p, e, string));
    let description = o.field("description", e, text);
    let channels = o.field("channels", e, |v, p, e| list(v, p, e, channel));
    let reachable_from = o.field("reachable_from", e, |v, p, e| list(v, p, e, string));
    let hours = o.optional("hours", e, text);
    // `verified` must be present: `null` says plainly that nobody has checked the numbers.
    if !o.has("verified") {
        e.kind(
            Kind::MissingField,
            path,
            "missing field `verified` (a date, or null when not verified)",
        );
    }
    let verified = o.optional("verified", e, string);
    let source = o.field("source", e, string);
    Some(Contact {
        id: id?,
        name: name?,
        kind: kind?,
        topics: topics?,
        description: description?,
        channels: channels?,
        reachable_from: reachable_from?,
        hours: hours.ok()?,
        verified: verified.ok()?,
        source: source?,
    })
}

fn channel<J: Json>(v: &J, path: &str, e: &mut Errors) -> Option<Channel> {
    let o = Object::new(v, path, &["type", "value"], e)?;
    let kind = o.field("type", e, |v, p, e| variant(v, p, e, &CHANNELS));
    let value = o.field("value", e, string);
    Some(Channel {
        kind: kind?,
        value: value?,
    })
}
