/**
 * The one place where domain error codes become WeChat errcodes (spec/api-catalog.md §12,
 * spec/callback-protocol.md §7.4). Every errcode gzh emits on the open API is listed either here
 * or in {@link WIRE_ERRORS}; `docs/errors.md` documents each and a test keeps the two in step.
 */
export interface WireError {
  errcode: number;
  errmsg: string;
}

/** Errors raised by the transport itself (before or around a service call). */
export const WIRE_ERRORS = {
  systemError: { errcode: -1, errmsg: 'system error' },
  requireGet: { errcode: 43001, errmsg: 'require GET method' },
  requirePost: { errcode: 43002, errmsg: 'require POST method' },
  emptyPostData: { errcode: 44002, errmsg: 'empty post data' },
  dataFormat: { errcode: 47001, errmsg: 'data format error' },
  mediaTooLarge: { errcode: 45001, errmsg: 'media size out of limit' },
  apiUnauthorized: { errcode: 48001, errmsg: 'api unauthorized' },
  argumentInvalid: { errcode: 47003, errmsg: 'argument invalid!' },
  callbackUrlInvalid: { errcode: 40201, errmsg: 'invalid url' },
  callbackActionInvalid: { errcode: 40202, errmsg: 'invalid action' },
  callbackOperatorInvalid: { errcode: 40203, errmsg: 'invalid check_operator' },
  ridNotFound: { errcode: 76001, errmsg: 'rid not found' },
  ridInvalid: { errcode: 76002, errmsg: 'rid is error' },
  ridForbidden: { errcode: 76003, errmsg: 'rid does not belong to this appid' },
  cgiPathNotFound: { errcode: 76021, errmsg: 'cgi_path not found, please check' },
  cgiPathForbidden: { errcode: 76022, errmsg: 'could not use this cgi_path，no permission' },
} satisfies Record<string, WireError>;

/** Domain error code → WeChat errcode. Unlisted codes surface as -1 and are logged. */
export const DOMAIN_ERRCODES: Record<string, WireError> = {
  'common.invalid_argument': WIRE_ERRORS.argumentInvalid,
  // tokens and credentials
  'token.grant_type_invalid': { errcode: 40002, errmsg: 'invalid grant_type' },
  'token.missing': { errcode: 41001, errmsg: 'access_token missing' },
  'token.invalid': { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' },
  'token.expired': { errcode: 42001, errmsg: 'access_token expired' },
  'token.force_refresh_limit': { errcode: 45009, errmsg: 'reach max api daily quota limit' },
  'account.appid_missing': { errcode: 41002, errmsg: 'appid missing' },
  'account.appid_invalid': { errcode: 40013, errmsg: 'invalid appid' },
  'account.secret_missing': { errcode: 41004, errmsg: 'appsecret missing' },
  'account.secret_invalid': { errcode: 40125, errmsg: 'invalid appsecret' },
  'account.ip_not_whitelisted': { errcode: 40164, errmsg: 'invalid ip, not in whitelist' },
  'account.not_found': { errcode: 40013, errmsg: 'invalid appid' },
  'account.api_unauthorized': WIRE_ERRORS.apiUnauthorized,
  // quotas
  'quota.daily_exceeded': { errcode: 45009, errmsg: 'reach max api daily quota limit' },
  'quota.clear_limit': { errcode: 48006, errmsg: 'forbid to clear quota because of reaching the limit' },
  // followers
  'follower.invalid_openid': { errcode: 40003, errmsg: 'invalid openid' },
  'follower.not_of_account': { errcode: 49003, errmsg: 'not match openid with appid' },
  'follower.list_size': { errcode: 40032, errmsg: 'invalid openid list size' },
  'follower.remark_too_long': { errcode: 47003, errmsg: 'argument invalid! remark must be under 30 characters' },
  // tags
  'tag.too_many': { errcode: 45056, errmsg: 'too many tags' },
  'tag.name_duplicate': { errcode: 45157, errmsg: 'invalid tag name, tag name duplicated' },
  'tag.name_invalid': { errcode: 45157, errmsg: 'invalid tag name' },
  'tag.name_too_long': { errcode: 45158, errmsg: 'tag name too long' },
  'tag.system': { errcode: 45058, errmsg: 'can not modify the 0/1/2 tag' },
  'tag.too_many_fans': { errcode: 45057, errmsg: 'tag has more than 100000 fans, can not delete' },
  'tag.invalid_id': { errcode: 45159, errmsg: 'invalid tag id' },
  'tag.follower_limit': { errcode: 45059, errmsg: 'user has too many tags' },
  // QR codes (40052/40053 as WeChat's global table and WxJava's WxMpErrorMsgEnum name them; the
  // permanent-code cap and a bad expire_seconds have no documented errcode: gzh's choice)
  'qrcode.invalid_action_name': { errcode: 40052, errmsg: 'invalid action name' },
  'qrcode.invalid_action_info': { errcode: 40053, errmsg: 'invalid action info, please check document' },
  'qrcode.permanent_limit': { errcode: 40053, errmsg: 'invalid action info, please check document' },
  'qrcode.invalid_expire_seconds': WIRE_ERRORS.dataFormat,
  // short links
  'shortlink.invalid_action': { errcode: 40052, errmsg: 'invalid action name' },
  'shortlink.invalid_long_url': WIRE_ERRORS.argumentInvalid,
  'shortlink.long_url_too_long': { errcode: 40039, errmsg: 'invalid url size' },
  'shorten.invalid_argument': WIRE_ERRORS.argumentInvalid,
  'shorten.long_data_too_long': { errcode: 9410010, errmsg: 'invalid long_data, exceeds the length limit' },
  'shorten.expire_too_large': { errcode: 9410011, errmsg: 'invalid expire_seconds, exceeds the limit' },
  'shorten.key_not_found': { errcode: 9410012, errmsg: 'short_key not exist or expired' },
  // custom menus (spec §2; 40015–40027 and 65301–65317 as WeChat's global table names them)
  'menu.invalid_menu_type': { errcode: 40015, errmsg: 'invalid menu type' },
  'menu.invalid_button_size': { errcode: 40016, errmsg: 'invalid button size' },
  'menu.invalid_button_type': { errcode: 40017, errmsg: 'invalid button type' },
  'menu.invalid_button_name_size': { errcode: 40018, errmsg: 'invalid button name size' },
  'menu.invalid_button_key_size': { errcode: 40019, errmsg: 'invalid button key size' },
  'menu.invalid_button_url_size': { errcode: 40020, errmsg: 'invalid button url size' },
  'menu.invalid_sub_menu_level': { errcode: 40022, errmsg: 'invalid sub_menu level' },
  'menu.invalid_sub_button_size': { errcode: 40023, errmsg: 'invalid sub button size' },
  'menu.invalid_sub_button_type': { errcode: 40024, errmsg: 'invalid sub button type' },
  'menu.invalid_sub_button_name_size': { errcode: 40025, errmsg: 'invalid sub button name size' },
  'menu.invalid_sub_button_key_size': { errcode: 40026, errmsg: 'invalid sub button key size' },
  'menu.invalid_sub_button_url_size': { errcode: 40027, errmsg: 'invalid sub button url size' },
  'menu.invalid_url': { errcode: 65317, errmsg: 'contain invalid url' },
  'menu.user_not_found': { errcode: 46002, errmsg: 'not exist user' },
  'menu.not_found': { errcode: 46003, errmsg: 'menu no exist' },
  'menu.conditional_not_found': { errcode: 65301, errmsg: 'this menu is not conditionalmenu' },
  'menu.no_default_menu': { errcode: 65303, errmsg: 'there is no selfmenu, please create selfmenu first' },
  'menu.matchrule_missing': { errcode: 65304, errmsg: 'match rule empty' },
  'menu.conditional_limit': { errcode: 65305, errmsg: 'menu count limit' },
  'menu.matchrule_empty': { errcode: 65307, errmsg: 'conditional menu is empty' },
  'menu.button_no_action': { errcode: 65308, errmsg: 'exist empty button act' },
  'menu.country_missing': { errcode: 65310, errmsg: 'region info: country is empty' },
  'menu.province_missing': { errcode: 65311, errmsg: 'region info: province is empty' },
  'menu.invalid_country': { errcode: 65312, errmsg: 'invalid country info' },
  'menu.invalid_province': { errcode: 65313, errmsg: 'invalid province info' },
  'menu.invalid_city': { errcode: 65314, errmsg: 'invalid city info' },
  // A matchrule tag that is not a tag of the account: WeChat's tag errcode (45159), since none of
  // the 653xx conditional-menu codes is about tags (65310–65314 are region errors).
  'menu.invalid_tag_id': { errcode: 45159, errmsg: 'invalid tag id' },
  // sex / client_platform_type / language outside their domain: no dedicated errcode exists.
  'menu.invalid_matchrule': WIRE_ERRORS.argumentInvalid,
  // drafts and publishing (spec §5.3–5.4). 44003, 45002–45004, 45110 and 53402 are what WeChat answers
  // draft/add with (global errcode table, developer-community captures); 40097 is its "invalid
  // args" for batchget paging; 40114 is the spec's (?) invalid index; 53502/53503/53600 are §5.4's.
  'article.empty': { errcode: 44003, errmsg: 'empty news data' },
  'article.too_many': { errcode: 45008, errmsg: 'article size out of limit' },
  'article.invalid_field': WIRE_ERRORS.dataFormat,
  'article.title_too_long': { errcode: 45003, errmsg: 'title size out of limit' },
  'article.author_too_long': { errcode: 45110, errmsg: 'author size out of limit' },
  'article.digest_too_long': { errcode: 45004, errmsg: 'description size out of limit' },
  'article.content_too_long': { errcode: 45002, errmsg: 'content size out of limit' },
  'article.invalid_content': { errcode: 45166, errmsg: 'invalid content' },
  'article.invalid_source_url': WIRE_ERRORS.argumentInvalid,
  'article.invalid_crop': { errcode: 53402, errmsg: 'cover crop failed, please check the crop parameters' },
  'article.invalid_media_id': { errcode: 40007, errmsg: 'invalid media_id' },
  'article.draft_not_found': { errcode: 40007, errmsg: 'invalid media_id' },
  'article.invalid_index': { errcode: 40114, errmsg: 'invalid index' },
  'article.invalid_paging': { errcode: 40097, errmsg: 'invalid args' },
  'article.draft_check_failed': { errcode: 53503, errmsg: 'the draft did not pass the publish check' },
  'article.publish_not_found': { errcode: 53502, errmsg: 'invalid publish_id' },
  'article.article_not_found': { errcode: 53600, errmsg: 'invalid article_id' },
  // template notices (spec §3.3). 40102/40103 are what WeChat answers api_set_industry with for a
  // code outside the table and for missing codes; 40246 is api_add_template's keyword error.
  'template.industry_missing': { errcode: 40103, errmsg: 'invalid industry index' },
  'template.industry_invalid': { errcode: 40102, errmsg: 'invalid industry id' },
  'template.industry_too_frequent': { errcode: 43100, errmsg: 'change industry too frequently' },
  'template.invalid_template_id': { errcode: 40037, errmsg: 'invalid template_id' },
  'template.keyword_invalid': { errcode: 40246, errmsg: 'keyword name invalid' },
  'template.too_many': { errcode: 45026, errmsg: 'template num exceeds limit' },
  'template.require_subscribe': { errcode: 43004, errmsg: 'require subscribe' },
  'template.user_refused': { errcode: 43101, errmsg: 'user refuse to accept the msg' },
  'template.argument_invalid': WIRE_ERRORS.argumentInvalid,
  // media and materials (spec §5.1–5.2, §4.4). A file over its type's limit gets the type's size
  // errcode (40009–40012), an upload body past what gzh reads at all 45001; an empty file is
  // WeChat's 44001. A full material library has no documented errcode: 45001 (gzh's choice).
  // News articles get draft/add's errcodes (above) so both article APIs answer alike.
  'media.invalid_type': { errcode: 40004, errmsg: 'invalid media type' },
  'media.invalid_file_type': { errcode: 40005, errmsg: 'invalid file type' },
  'media.missing_media': { errcode: 41005, errmsg: 'media data missing' },
  'media.empty_file': { errcode: 44001, errmsg: 'empty media data' },
  'media.image_too_large': { errcode: 40009, errmsg: 'invalid image size' },
  'media.voice_too_large': { errcode: 40010, errmsg: 'invalid voice size' },
  'media.video_too_large': { errcode: 40011, errmsg: 'invalid video size' },
  'media.thumb_too_large': { errcode: 40012, errmsg: 'invalid thumb size' },
  'media.body_too_large': WIRE_ERRORS.mediaTooLarge,
  'media.library_full': { errcode: 45001, errmsg: 'media count out of limit' },
  'media.invalid_media_id': { errcode: 40007, errmsg: 'invalid media_id' },
  'media.in_use': { errcode: 48005, errmsg: 'forbid to delete material used by auto-reply or menu' },
  'media.invalid_data': WIRE_ERRORS.dataFormat,
  'media.invalid_paging': { errcode: 40097, errmsg: 'invalid args' },
  'media.empty_news': { errcode: 44003, errmsg: 'empty news data' },
  'media.too_many_articles': { errcode: 45008, errmsg: 'article size out of limit' },
  'media.title_too_long': { errcode: 45003, errmsg: 'title size out of limit' },
  'media.author_too_long': { errcode: 45110, errmsg: 'author size out of limit' },
  'media.description_too_long': { errcode: 45004, errmsg: 'description size out of limit' },
  'media.content_too_long': { errcode: 45002, errmsg: 'content size out of limit' },
  'media.invalid_source_url': WIRE_ERRORS.argumentInvalid,
  'media.invalid_index': { errcode: 40114, errmsg: 'invalid index' },
  // outbound message content (customer service, broadcasts, previews)
  'message.bad_payload': WIRE_ERRORS.dataFormat,
  'message.invalid_type': { errcode: 40008, errmsg: 'invalid message type' },
  'message.invalid_media_id': { errcode: 40007, errmsg: 'invalid media_id' },
  'message.too_many_articles': { errcode: 45008, errmsg: 'article size out of limit' },
  'message.content_too_long': { errcode: 45002, errmsg: 'content size out of limit' },
  // customer-service window and typing (spec §3.1–3.2, callback-protocol §8)
  'kf.out_of_window': { errcode: 45015, errmsg: 'response out of time limit or subscription is canceled' },
  'kf.response_count_limit': { errcode: 45047, errmsg: 'out of response count limit' },
  'kf.invalid_typing_command': { errcode: 45072, errmsg: 'command invalid' },
  'kf.typing_not_allowed': { errcode: 45080, errmsg: 'has not sent message to user or sent too long ago' },
  'kf.already_typing': { errcode: 45081, errmsg: 'already in typing status' },
  // a kf_account that is not `name@account`: WeChat's customer-service "invalid kf_account"
  'kf.invalid_kf_account': { errcode: 65400, errmsg: 'invalid kf_account' },
  // broadcasts (spec §4)
  'broadcast.no_quota': { errcode: 45028, errmsg: 'has no masssend quota' },
  'broadcast.client_msg_id_exists': { errcode: 45065, errmsg: 'clientmsgid exist' },
  'broadcast.client_msg_id_too_fast': { errcode: 45066, errmsg: 'same clientmsgid retry too fast' },
  'broadcast.client_msg_id_too_long': { errcode: 45067, errmsg: 'clientmsgid size out of limit' },
  'broadcast.list_too_short': { errcode: 40130, errmsg: 'invalid openid list size, at least two openid' },
  'broadcast.list_too_long': { errcode: 40032, errmsg: 'invalid openid list size' },
  'broadcast.invalid_msg_id': { errcode: 40059, errmsg: 'invalid msg id' },
  'broadcast.not_deletable': { errcode: 40059, errmsg: 'invalid msg id' },
  // an article_idx beyond the broadcast's articles: no dedicated errcode is documented
  'broadcast.invalid_article_idx': WIRE_ERRORS.argumentInvalid,
  'broadcast.speed_out_of_range': { errcode: 45083, errmsg: 'the speed out of range' },
  'broadcast.speed_missing': { errcode: 45084, errmsg: 'no speed specified' },
  'broadcast.invalid_wxname': { errcode: 40132, errmsg: 'invalid username' },
  'follower.not_following': { errcode: 43004, errmsg: 'require subscribe' },
};

/** Builds the errmsg WeChat style: text, optional detail, then ` rid: …`. */
export function withRid(errmsg: string, rid: string): string {
  return `${errmsg} rid: ${rid}`;
}
