//! Parsers for SML messages and their structures (SML 1.04), in nom style: plain functions
//! from the remaining input to `(rest, value)`.

use super::error::{PErr, ParseError, ParseErrorKind, MAX_DEPTH};
use super::tl::{
    boolean, list_header, list_of, octet_str, optional, signed, signed_as, unsigned, unsigned_as,
    Res,
};
use super::types::*;
use alloc::boxed::Box;
use core::ops::Range;
use nom::number::complete::be_u8;

fn time(input: &[u8]) -> Res<'_, Time> {
    if input.first().is_some_and(|b| b >> 4 == 0x6) {
        // Holley DTZ541: a bare Unsigned32 without the choice tag.
        let (rest, v) = unsigned_as::<u32>(input, "SML_Time")?;
        return Ok((rest, Time::BareSecIndex(v)));
    }
    let (rest, _) = list_header(input, "SML_Time", Some(2))?;
    let at = rest;
    let (rest, tag) = unsigned_as::<u8>(rest, "SML_Time tag")?;
    match tag {
        1 => {
            let (rest, v) = unsigned_as::<u32>(rest, "secIndex")?;
            Ok((rest, Time::SecIndex(v)))
        }
        2 => {
            let (rest, v) = unsigned_as::<u32>(rest, "timestamp")?;
            Ok((rest, Time::Timestamp(v)))
        }
        3 => {
            let (rest, _) = list_header(rest, "SML_TimestampLocal", Some(3))?;
            let (rest, timestamp) = unsigned_as::<u32>(rest, "timestamp")?;
            let (rest, local_offset) = signed_as::<i16>(rest, "localOffset")?;
            let (rest, season_time_offset) = signed_as::<i16>(rest, "seasonTimeOffset")?;
            Ok((
                rest,
                Time::LocalTimestamp {
                    timestamp,
                    local_offset,
                    season_time_offset,
                },
            ))
        }
        t => Err(PErr::at(
            at,
            ParseErrorKind::UnknownTag {
                what: "SML_Time",
                tag: u32::from(t),
            },
        )),
    }
}

fn value(input: &[u8]) -> Res<'_, Value<'_>> {
    let first = input.first().copied().unwrap_or(0);
    match (first >> 4) & 0x7 {
        0 => octet_str(input).map(|(r, v)| (r, Value::Bytes(v))),
        4 => boolean(input).map(|(r, v)| (r, Value::Bool(v))),
        5 => signed(input).map(|(r, (value, width))| (r, Value::Int { value, width })),
        6 => unsigned(input).map(|(r, (value, width))| (r, Value::Uint { value, width })),
        7 => {
            let (rest, _) = list_header(input, "SML_ListType", Some(2))?;
            let at = rest;
            let (rest, tag) = unsigned_as::<u8>(rest, "SML_ListType tag")?;
            if tag != 1 {
                return Err(PErr::at(
                    at,
                    ParseErrorKind::UnknownTag {
                        what: "SML_ListType",
                        tag: u32::from(tag),
                    },
                ));
            }
            let (rest, t) = time(rest)?;
            Ok((rest, Value::Time(t)))
        }
        _ => Err(PErr::at(
            input,
            ParseErrorKind::WrongType {
                expected: "SML_Value",
                found: first,
            },
        )),
    }
}

fn status(input: &[u8]) -> Res<'_, Unsigned> {
    let (rest, (value, width)) = unsigned(input)?;
    Ok((rest, Unsigned { value, width }))
}

fn tree_path(input: &[u8]) -> Res<'_, alloc::vec::Vec<OctetStr<'_>>> {
    list_of(input, "SML_TreePath", octet_str)
}

fn list_entry(input: &[u8]) -> Res<'_, ListEntry<'_>> {
    let (rest, _) = list_header(input, "SML_ListEntry", Some(7))?;
    let (rest, obj_name) = octet_str(rest)?;
    let (rest, status) = optional(rest, status)?;
    let (rest, val_time) = optional(rest, time)?;
    let (rest, unit) = optional(rest, |i| unsigned_as::<u8>(i, "unit"))?;
    let (rest, scaler) = optional(rest, |i| signed_as::<i8>(i, "scaler"))?;
    let (rest, value) = optional(rest, value)?;
    let (rest, value_signature) = optional(rest, octet_str)?;
    Ok((
        rest,
        ListEntry {
            obj_name,
            status,
            val_time,
            unit,
            scaler,
            value,
            value_signature,
        },
    ))
}

fn period_entry(input: &[u8]) -> Res<'_, PeriodEntry<'_>> {
    let (rest, _) = list_header(input, "SML_PeriodEntry", Some(5))?;
    let (rest, obj_name) = octet_str(rest)?;
    let (rest, unit) = unsigned_as::<u8>(rest, "unit")?;
    let (rest, scaler) = signed_as::<i8>(rest, "scaler")?;
    let (rest, value) = value(rest)?;
    let (rest, value_signature) = optional(rest, octet_str)?;
    Ok((
        rest,
        PeriodEntry {
            obj_name,
            unit,
            scaler,
            value,
            value_signature,
        },
    ))
}

fn tupel_entry(input: &[u8]) -> Res<'_, TupelEntry<'_>> {
    let (rest, _) = list_header(input, "SML_TupelEntry", Some(23))?;
    let (rest, server_id) = octet_str(rest)?;
    let (rest, sec_index) = time(rest)?;
    let (rest, status) = unsigned_as::<u64>(rest, "status")?;
    let mut rest = rest;
    let triple = |r: &mut &'_ [u8]| -> Result<(u8, i8, i64), nom::Err<PErr>> {
        let (r1, unit) = unsigned_as::<u8>(r, "unit")?;
        let (r1, scaler) = signed_as::<i8>(r1, "scaler")?;
        let (r1, (value, _)) = signed(r1)?;
        *r = r1;
        Ok((unit, scaler, value))
    };
    let (unit_p_a, scaler_p_a, value_p_a) = triple(&mut rest)?;
    let (unit_r1, scaler_r1, value_r1) = triple(&mut rest)?;
    let (unit_r4, scaler_r4, value_r4) = triple(&mut rest)?;
    let (r, signature_p_a_r1_r4) = octet_str(rest)?;
    rest = r;
    let (unit_m_a, scaler_m_a, value_m_a) = triple(&mut rest)?;
    let (unit_r2, scaler_r2, value_r2) = triple(&mut rest)?;
    let (unit_r3, scaler_r3, value_r3) = triple(&mut rest)?;
    let (rest, signature_m_a_r2_r3) = octet_str(rest)?;
    Ok((
        rest,
        TupelEntry {
            server_id,
            sec_index,
            status,
            unit_p_a,
            scaler_p_a,
            value_p_a,
            unit_r1,
            scaler_r1,
            value_r1,
            unit_r4,
            scaler_r4,
            value_r4,
            signature_p_a_r1_r4,
            unit_m_a,
            scaler_m_a,
            value_m_a,
            unit_r2,
            scaler_r2,
            value_r2,
            unit_r3,
            scaler_r3,
            value_r3,
            signature_m_a_r2_r3,
        },
    ))
}

fn proc_par_value(input: &[u8]) -> Res<'_, ProcParValue<'_>> {
    let (rest, _) = list_header(input, "SML_ProcParValue", Some(2))?;
    let at = rest;
    let (rest, tag) = unsigned_as::<u8>(rest, "SML_ProcParValue tag")?;
    match tag {
        1 => value(rest).map(|(r, v)| (r, ProcParValue::Value(v))),
        2 => period_entry(rest).map(|(r, v)| (r, ProcParValue::PeriodEntry(v))),
        3 => tupel_entry(rest).map(|(r, v)| (r, ProcParValue::TupelEntry(Box::new(v)))),
        4 => time(rest).map(|(r, v)| (r, ProcParValue::Time(v))),
        5 => list_entry(rest).map(|(r, v)| (r, ProcParValue::ListEntry(Box::new(v)))),
        t => Err(PErr::at(
            at,
            ParseErrorKind::UnknownTag {
                what: "SML_ProcParValue",
                tag: u32::from(t),
            },
        )),
    }
}

fn tree(input: &[u8], depth: usize) -> Res<'_, Tree<'_>> {
    if depth >= MAX_DEPTH {
        return Err(PErr::at(input, ParseErrorKind::TooDeep));
    }
    let (rest, _) = list_header(input, "SML_Tree", Some(3))?;
    let (rest, parameter_name) = octet_str(rest)?;
    let (rest, parameter_value) = optional(rest, proc_par_value)?;
    let (rest, child_list) = optional(rest, |i| {
        list_of(i, "SML_Tree children", |c| tree(c, depth + 1))
    })?;
    Ok((
        rest,
        Tree {
            parameter_name,
            parameter_value,
            child_list,
        },
    ))
}

fn open_request(input: &[u8]) -> Res<'_, OpenRequest<'_>> {
    let (rest, _) = list_header(input, "SML_PublicOpen.Req", Some(7))?;
    let (rest, codepage) = optional(rest, octet_str)?;
    let (rest, client_id) = octet_str(rest)?;
    let (rest, req_file_id) = octet_str(rest)?;
    let (rest, server_id) = optional(rest, octet_str)?;
    let (rest, username) = optional(rest, octet_str)?;
    let (rest, password) = optional(rest, octet_str)?;
    let (rest, sml_version) = optional(rest, |i| unsigned_as::<u8>(i, "smlVersion"))?;
    Ok((
        rest,
        OpenRequest {
            codepage,
            client_id,
            req_file_id,
            server_id,
            username,
            password,
            sml_version,
        },
    ))
}

fn open_response(input: &[u8]) -> Res<'_, OpenResponse<'_>> {
    let (rest, _) = list_header(input, "SML_PublicOpen.Res", Some(6))?;
    let (rest, codepage) = optional(rest, octet_str)?;
    let (rest, client_id) = optional(rest, octet_str)?;
    let (rest, req_file_id) = octet_str(rest)?;
    let (rest, server_id) = octet_str(rest)?;
    let (rest, ref_time) = optional(rest, time)?;
    let (rest, sml_version) = optional(rest, |i| unsigned_as::<u8>(i, "smlVersion"))?;
    Ok((
        rest,
        OpenResponse {
            codepage,
            client_id,
            req_file_id,
            server_id,
            ref_time,
            sml_version,
        },
    ))
}

fn close<'a>(input: &'a [u8], what: &'static str) -> Res<'a, Option<OctetStr<'a>>> {
    let (rest, _) = list_header(input, what, Some(1))?;
    optional(rest, octet_str)
}

fn profile_request<'a>(input: &'a [u8], what: &'static str) -> Res<'a, GetProfileRequest<'a>> {
    let (rest, _) = list_header(input, what, Some(9))?;
    let (rest, server_id) = optional(rest, octet_str)?;
    let (rest, username) = optional(rest, octet_str)?;
    let (rest, password) = optional(rest, octet_str)?;
    let (rest, with_rawdata) = optional(rest, boolean)?;
    let (rest, begin_time) = optional(rest, time)?;
    let (rest, end_time) = optional(rest, time)?;
    let (rest, parameter_tree_path) = tree_path(rest)?;
    let (rest, object_list) = optional(rest, |i| list_of(i, "SML_ObjReqEntry list", octet_str))?;
    let (rest, das_details) = optional(rest, |i| tree(i, 0))?;
    Ok((
        rest,
        GetProfileRequest {
            server_id,
            username,
            password,
            with_rawdata,
            begin_time,
            end_time,
            parameter_tree_path,
            object_list,
            das_details,
        },
    ))
}

fn prof_obj_header_entry(input: &[u8]) -> Res<'_, ProfObjHeaderEntry<'_>> {
    let (rest, _) = list_header(input, "SML_ProfObjHeaderEntry", Some(3))?;
    let (rest, obj_name) = octet_str(rest)?;
    let (rest, unit) = unsigned_as::<u8>(rest, "unit")?;
    let (rest, scaler) = signed_as::<i8>(rest, "scaler")?;
    Ok((
        rest,
        ProfObjHeaderEntry {
            obj_name,
            unit,
            scaler,
        },
    ))
}

fn value_entry(input: &[u8]) -> Res<'_, ValueEntry<'_>> {
    let (rest, _) = list_header(input, "SML_ValueEntry", Some(2))?;
    let (rest, value) = value(rest)?;
    let (rest, value_signature) = optional(rest, octet_str)?;
    Ok((
        rest,
        ValueEntry {
            value,
            value_signature,
        },
    ))
}

fn prof_obj_period_entry(input: &[u8]) -> Res<'_, ProfObjPeriodEntry<'_>> {
    let (rest, _) = list_header(input, "SML_ProfObjPeriodEntry", Some(4))?;
    let (rest, val_time) = time(rest)?;
    let (rest, status) = unsigned_as::<u64>(rest, "status")?;
    let (rest, value_list) = list_of(rest, "SML_ValueEntry list", value_entry)?;
    let (rest, period_signature) = optional(rest, octet_str)?;
    Ok((
        rest,
        ProfObjPeriodEntry {
            val_time,
            status,
            value_list,
            period_signature,
        },
    ))
}

fn profile_pack_response(input: &[u8]) -> Res<'_, GetProfilePackResponse<'_>> {
    let (rest, _) = list_header(input, "SML_GetProfilePack.Res", Some(8))?;
    let (rest, server_id) = octet_str(rest)?;
    let (rest, act_time) = time(rest)?;
    let (rest, reg_period) = unsigned_as::<u32>(rest, "regPeriod")?;
    let (rest, parameter_tree_path) = tree_path(rest)?;
    let (rest, header_list) = list_of(rest, "SML_ProfObjHeaderEntry list", prof_obj_header_entry)?;
    let (rest, period_list) = list_of(rest, "SML_ProfObjPeriodEntry list", prof_obj_period_entry)?;
    let (rest, rawdata) = optional(rest, octet_str)?;
    let (rest, profile_signature) = optional(rest, octet_str)?;
    Ok((
        rest,
        GetProfilePackResponse {
            server_id,
            act_time,
            reg_period,
            parameter_tree_path,
            header_list,
            period_list,
            rawdata,
            profile_signature,
        },
    ))
}

fn profile_list_response(input: &[u8]) -> Res<'_, GetProfileListResponse<'_>> {
    let (rest, _) = list_header(input, "SML_GetProfileList.Res", Some(9))?;
    let (rest, server_id) = octet_str(rest)?;
    let (rest, act_time) = time(rest)?;
    let (rest, reg_period) = unsigned_as::<u32>(rest, "regPeriod")?;
    let (rest, parameter_tree_path) = tree_path(rest)?;
    let (rest, val_time) = time(rest)?;
    let (rest, status) = unsigned_as::<u64>(rest, "status")?;
    let (rest, period_list) = list_of(rest, "SML_PeriodEntry list", period_entry)?;
    let (rest, rawdata) = optional(rest, octet_str)?;
    let (rest, period_signature) = optional(rest, octet_str)?;
    Ok((
        rest,
        GetProfileListResponse {
            server_id,
            act_time,
            reg_period,
            parameter_tree_path,
            val_time,
            status,
            period_list,
            rawdata,
            period_signature,
        },
    ))
}

fn proc_parameter_request(input: &[u8]) -> Res<'_, GetProcParameterRequest<'_>> {
    let (rest, _) = list_header(input, "SML_GetProcParameter.Req", Some(5))?;
    let (rest, server_id) = optional(rest, octet_str)?;
    let (rest, username) = optional(rest, octet_str)?;
    let (rest, password) = optional(rest, octet_str)?;
    let (rest, parameter_tree_path) = tree_path(rest)?;
    let (rest, attribute) = optional(rest, octet_str)?;
    Ok((
        rest,
        GetProcParameterRequest {
            server_id,
            username,
            password,
            parameter_tree_path,
            attribute,
        },
    ))
}

fn proc_parameter_response(input: &[u8]) -> Res<'_, GetProcParameterResponse<'_>> {
    let (rest, _) = list_header(input, "SML_GetProcParameter.Res", Some(3))?;
    let (rest, server_id) = octet_str(rest)?;
    let (rest, parameter_tree_path) = tree_path(rest)?;
    let (rest, parameter_tree) = tree(rest, 0)?;
    Ok((
        rest,
        GetProcParameterResponse {
            server_id,
            parameter_tree_path,
            parameter_tree,
        },
    ))
}

fn set_proc_parameter_request(input: &[u8]) -> Res<'_, SetProcParameterRequest<'_>> {
    let (rest, _) = list_header(input, "SML_SetProcParameter.Req", Some(5))?;
    let (rest, server_id) = optional(rest, octet_str)?;
    let (rest, username) = optional(rest, octet_str)?;
    let (rest, password) = optional(rest, octet_str)?;
    let (rest, parameter_tree_path) = tree_path(rest)?;
    let (rest, parameter_tree) = tree(rest, 0)?;
    Ok((
        rest,
        SetProcParameterRequest {
            server_id,
            username,
            password,
            parameter_tree_path,
            parameter_tree,
        },
    ))
}

fn get_list_request(input: &[u8]) -> Res<'_, GetListRequest<'_>> {
    let (rest, _) = list_header(input, "SML_GetList.Req", Some(5))?;
    let (rest, client_id) = octet_str(rest)?;
    let (rest, server_id) = optional(rest, octet_str)?;
    let (rest, username) = optional(rest, octet_str)?;
    let (rest, password) = optional(rest, octet_str)?;
    let (rest, list_name) = optional(rest, octet_str)?;
    Ok((
        rest,
        GetListRequest {
            client_id,
            server_id,
            username,
            password,
            list_name,
        },
    ))
}

fn get_list_response(input: &[u8]) -> Res<'_, GetListResponse<'_>> {
    let (rest, _) = list_header(input, "SML_GetList.Res", Some(7))?;
    let (rest, client_id) = optional(rest, octet_str)?;
    let (rest, server_id) = octet_str(rest)?;
    let (rest, list_name) = optional(rest, octet_str)?;
    let (rest, act_sensor_time) = optional(rest, time)?;
    let (rest, val_list) = list_of(rest, "SML_List", list_entry)?;
    let (rest, list_signature) = optional(rest, octet_str)?;
    let (rest, act_gateway_time) = optional(rest, time)?;
    Ok((
        rest,
        GetListResponse {
            client_id,
            server_id,
            list_name,
            act_sensor_time,
            val_list,
            list_signature,
            act_gateway_time,
        },
    ))
}

fn attention_response(input: &[u8]) -> Res<'_, AttentionResponse<'_>> {
    let (rest, _) = list_header(input, "SML_Attention.Res", Some(4))?;
    let (rest, server_id) = octet_str(rest)?;
    let (rest, attention_no) = octet_str(rest)?;
    let (rest, attention_msg) = optional(rest, octet_str)?;
    let (rest, attention_details) = optional(rest, |i| tree(i, 0))?;
    Ok((
        rest,
        AttentionResponse {
            server_id,
            attention_no,
            attention_msg,
            attention_details,
        },
    ))
}

fn message_body(input: &[u8]) -> Res<'_, MessageBody<'_>> {
    let (rest, _) = list_header(input, "SML_MessageBody", Some(2))?;
    let at = rest;
    let (rest, tag) = unsigned_as::<u32>(rest, "SML_MessageBody tag")?;
    use MessageBody as B;
    match tag {
        tags::OPEN_REQUEST => open_request(rest).map(|(r, b)| (r, B::OpenRequest(b))),
        tags::OPEN_RESPONSE => open_response(rest).map(|(r, b)| (r, B::OpenResponse(b))),
        tags::CLOSE_REQUEST => close(rest, "SML_PublicClose.Req").map(|(r, s)| {
            (
                r,
                B::CloseRequest(CloseRequest {
                    global_signature: s,
                }),
            )
        }),
        tags::CLOSE_RESPONSE => close(rest, "SML_PublicClose.Res").map(|(r, s)| {
            (
                r,
                B::CloseResponse(CloseResponse {
                    global_signature: s,
                }),
            )
        }),
        tags::GET_PROFILE_PACK_REQUEST => profile_request(rest, "SML_GetProfilePack.Req")
            .map(|(r, b)| (r, B::GetProfilePackRequest(b))),
        tags::GET_PROFILE_PACK_RESPONSE => {
            profile_pack_response(rest).map(|(r, b)| (r, B::GetProfilePackResponse(b)))
        }
        tags::GET_PROFILE_LIST_REQUEST => profile_request(rest, "SML_GetProfileList.Req")
            .map(|(r, b)| (r, B::GetProfileListRequest(b))),
        tags::GET_PROFILE_LIST_RESPONSE => {
            profile_list_response(rest).map(|(r, b)| (r, B::GetProfileListResponse(b)))
        }
        tags::GET_PROC_PARAMETER_REQUEST => {
            proc_parameter_request(rest).map(|(r, b)| (r, B::GetProcParameterRequest(b)))
        }
        tags::GET_PROC_PARAMETER_RESPONSE => {
            proc_parameter_response(rest).map(|(r, b)| (r, B::GetProcParameterResponse(b)))
        }
        tags::SET_PROC_PARAMETER_REQUEST => {
            set_proc_parameter_request(rest).map(|(r, b)| (r, B::SetProcParameterRequest(b)))
        }
        tags::GET_LIST_REQUEST => get_list_request(rest).map(|(r, b)| (r, B::GetListRequest(b))),
        tags::GET_LIST_RESPONSE => get_list_response(rest).map(|(r, b)| (r, B::GetListResponse(b))),
        tags::ATTENTION_RESPONSE => {
            attention_response(rest).map(|(r, b)| (r, B::AttentionResponse(b)))
        }
        tag => Err(PErr::at(
            at,
            ParseErrorKind::UnknownTag {
                what: "SML_MessageBody",
                tag,
            },
        )),
    }
}

/// A parsed message with where it was and what its CRC field said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedMessage<'a> {
    /// The message.
    pub message: Message<'a>,
    /// Its bytes in the parsed input (from the list TL through the end-of-message byte).
    pub range: Range<usize>,
    /// The bytes the message CRC covers (list TL through the body).
    pub crc_range: Range<usize>,
    /// Width of the CRC field on the wire (2; 1 for meters that shorten it).
    pub crc_width: u8,
}

fn message(input: &[u8]) -> Res<'_, (Message<'_>, usize, u8)> {
    let (rest, _) = list_header(input, "SML_Message", Some(6))?;
    let (rest, transaction_id) = octet_str(rest)?;
    let (rest, group_no) = unsigned_as::<u8>(rest, "groupNo")?;
    let (rest, abort_on_error) = unsigned_as::<u8>(rest, "abortOnError")?;
    let (rest, body) = message_body(rest)?;
    let crc_len = input.len() - rest.len();
    let crc_at = rest;
    let (rest, (crc, crc_width)) = unsigned(rest)?;
    let crc = u16::try_from(crc)
        .map_err(|_| PErr::at(crc_at, ParseErrorKind::ValueOutOfRange("crc16")))?;
    let end_at = rest;
    let (rest, end) = be_u8(rest)?;
    if end != 0 {
        return Err(PErr::at(end_at, ParseErrorKind::MissingEndOfMessage(end)));
    }
    Ok((
        rest,
        (
            Message {
                transaction_id,
                group_no,
                abort_on_error,
                body,
                crc,
            },
            crc_len,
            crc_width,
        ),
    ))
}

/// Parses one message at the start of `input`; returns it and the bytes after it.
pub fn parse_message(input: &[u8]) -> Result<(ParsedMessage<'_>, &[u8]), ParseError> {
    match message(input) {
        Ok((rest, (message, crc_len, crc_width))) => Ok((
            ParsedMessage {
                message,
                range: 0..input.len() - rest.len(),
                crc_range: 0..crc_len,
                crc_width,
            },
            rest,
        )),
        Err(nom::Err::Error(e) | nom::Err::Failure(e)) => Err(e.into_parse_error(input.len())),
        Err(nom::Err::Incomplete(_)) => Err(ParseError {
            kind: ParseErrorKind::UnexpectedEnd,
            offset: input.len(),
        }),
    }
}

/// Iterates over the messages of an unescaped frame payload. Stops after the first error
/// (an SML file cannot be resynchronised inside a frame) and at trailing zero bytes.
#[derive(Debug, Clone)]
pub struct Messages<'a> {
    payload: &'a [u8],
    at: usize,
    failed: bool,
}

/// Parses the messages of a payload (see [`Messages`]).
pub fn messages(payload: &[u8]) -> Messages<'_> {
    Messages {
        payload,
        at: 0,
        failed: false,
    }
}

impl<'a> Messages<'a> {
    /// The bytes after the last message that are all zero (filler some meters send), if the
    /// iteration ended there.
    pub fn trailing_zeros(&self) -> usize {
        let rest = &self.payload[self.at..];
        if !rest.is_empty() && rest.iter().all(|&b| b == 0) {
            rest.len()
        } else {
            0
        }
    }
}

impl<'a> Iterator for Messages<'a> {
    type Item = Result<ParsedMessage<'a>, ParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        let rest = &self.payload[self.at..];
        if self.failed || rest.iter().all(|&b| b == 0) {
            return None;
        }
        match parse_message(rest) {
            Ok((mut m, _)) => {
                let base = self.at;
                m.range = m.range.start + base..m.range.end + base;
                m.crc_range = m.crc_range.start + base..m.crc_range.end + base;
                self.at = m.range.end;
                Some(Ok(m))
            }
            Err(mut e) => {
                self.failed = true;
                e.offset += self.at;
                Some(Err(e))
            }
        }
    }
}
