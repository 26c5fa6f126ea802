"""Study-group rooms: the sidebar block, the room side of a question, the room's page."""

TEXT = {
    "rooms.nav": ("Study room", "스터디 룸"),
    "rooms.title": ("Study room", "스터디 룸"),
    "rooms.code": ("Room code", "룸 코드"),
    "rooms.code_help": ("Type a code you were given to join its room, or start a new room below. The code "
                        "goes into every link you share, so the link brings people into the room.",
                        "받은 코드를 입력하면 그 룸에 들어갑니다. 아래에서 새 룸을 시작할 수도 있습니다. 코드는 "
                        "공유하는 모든 링크에 들어가므로, 링크를 연 사람은 같은 룸에 들어옵니다."),
    "rooms.start": ("Start a study room", "스터디 룸 시작하기"),
    "rooms.predicting": ("In a room every question asks for your prediction first, whatever the switch above "
                         "says.",
                         "룸에서는 위 스위치와 상관없이 모든 질문이 먼저 예측을 묻습니다."),
    "rooms.start_new": ("Start a new study room", "새 스터디 룸 시작하기"),
    "rooms.unknown": ("There is no room with the code `{code}`.", "`{code}` 코드의 룸이 없습니다."),
    "rooms.unknown_help": ("Check the code, or start a new room. Rooms are deleted {days} days after they "
                           "were opened.",
                           "코드를 확인하거나 새 룸을 시작하세요. 룸은 연 지 {days}일이 지나면 삭제됩니다."),
    "rooms.code_refused": ("`{given}` is not a room code: {why} Nothing was stored.",
                           "`{given}`[은] 룸 코드가 아닙니다: {why} 아무것도 저장하지 않았습니다."),
    "rooms.bad.code.empty": ("the code is empty.", "코드가 비어 있습니다."),
    "rooms.bad.code.length": ("a code has exactly 6 characters.", "코드는 정확히 6자입니다."),
    "rooms.bad.code.chars": ("a code uses only the letters A-Z (without I and O) and the digits 2-9.",
                             "코드에는 A-Z 글자(I와 O 제외)와 2-9 숫자만 씁니다."),
    "rooms.bad.nick.empty": ("the nickname is empty.", "닉네임이 비어 있습니다."),
    "rooms.bad.nick.length": ("a nickname has at most 20 characters.", "닉네임은 20자까지입니다."),
    "rooms.bad.nick.chars": ("use letters (any language), digits, spaces and - _ . only: no emoji, symbols or "
                             "control characters.",
                             "글자(어느 언어든), 숫자, 공백, - _ . 만 쓸 수 있습니다. 이모지, 기호, 제어 문자는 "
                             "쓸 수 없습니다."),
    "rooms.bad.ident": ("this question cannot be recorded (an unexpected value).",
                        "이 질문은 기록할 수 없습니다 (예상하지 못한 값)."),
    "rooms.bad.link": ("this run's link cannot be pinned.", "이 실행의 링크는 고정할 수 없습니다."),
    "rooms.bad.owner": ("only the person who opened the room, in the same browser session, can do this.",
                        "룸을 연 사람만, 그것도 같은 브라우저 세션에서만 할 수 있습니다."),
    "rooms.db_error": ("The rooms database is not available right now ({error}); the lab works as usual "
                       "without it.",
                       "지금은 룸 데이터베이스를 쓸 수 없습니다 ({error}). 실험실은 룸 없이 평소대로 "
                       "동작합니다."),
    "rooms.nickname": ("Your nickname in this room", "이 룸에서 쓸 닉네임"),
    "rooms.nickname_help": ("The only personal data the lab keeps: your answers are stored under it. Pick one "
                            "nobody else in the room uses; typing the same nickname after a reload brings "
                            "your answers back.",
                            "실험실이 보관하는 유일한 개인 정보이며, 답은 이 닉네임으로 저장됩니다. 룸의 다른 "
                            "사람이 쓰지 않는 닉네임을 고르세요. 새로 고침한 뒤 같은 닉네임을 입력하면 답이 "
                            "돌아옵니다."),
    "rooms.nickname_needed": ("Pick a nickname so that the room sees your answers.",
                              "룸에 답이 보이도록 닉네임을 정하세요."),
    "rooms.nickname_refused": ("The nickname `{given}` is not used: {why} Nothing was stored.",
                               "닉네임 `{given}`[은] 쓰지 않습니다: {why} 아무것도 저장하지 않았습니다."),
    "rooms.closed": ("This room is closed: its answers are kept, new ones are not recorded.",
                     "이 룸은 닫혔습니다. 지금까지의 답은 남아 있지만 새 답은 기록하지 않습니다."),
    "rooms.members": ("Room `{code}` · {n} active in the last {minutes} minutes",
                      "룸 `{code}` · 최근 {minutes}분 동안 {n}명 참여"),
    "rooms.pin": ("Pin this run for the room", "이 실행을 룸에 고정하기"),
    "rooms.pin_help": ("Members get a link that opens this page with these settings: the run you are "
                       "discussing.",
                       "멤버들에게 이 페이지를 지금 설정 그대로 여는 링크가 보입니다. 함께 이야기하는 "
                       "실행입니다."),
    "rooms.pinned": ("Open the run we are discussing", "함께 보는 실행 열기"),
    "rooms.summary_link": ("The room's answers", "룸의 답 모아 보기"),
    "rooms.leave": ("Leave the room", "룸에서 나가기"),
    "rooms.not_stored_closed": ("The room is closed: your answer was not recorded.",
                                "룸이 닫혀 답을 기록하지 않았습니다."),
    "rooms.not_stored_revealed": ("You have already revealed this question's result: your recorded answer stays.",
                                  "이 질문의 결과를 이미 보았으므로 기록된 답은 그대로 둡니다."),
    "rooms.answer_needs_nickname": ("Pick a nickname in the sidebar to record your answer in the room.",
                                    "룸에 답을 기록하려면 사이드바에서 닉네임을 정하세요."),
    "rooms.count_open": ("{n} member(s) of the room have answered this question on these settings.",
                         "이 설정에서 이 질문에 답한 룸 멤버: {n}명."),
    "rooms.count_revealed": ("{n} member(s) answered; {right} picked what this run measured.",
                             "{n}명이 답했고, 그중 {right}명이 이 실행의 측정값과 같은 답을 골랐습니다."),
    "rooms.chart_title": ("The room's answers (✓ = what this run measured)", "룸의 답 (✓ = 이 실행의 측정값)"),
    "rooms.legend_measured": ("measured by this run", "이 실행의 측정값"),
    "rooms.legend_other": ("other answers", "다른 답"),
    "rooms.col.members": ("members", "멤버 수"),
    "rooms.col.answer": ("answer", "답"),
    "rooms.col.page": ("page", "페이지"),
    "rooms.col.question": ("question", "질문"),
    "rooms.col.measured": ("measured answer", "측정된 답"),
    "rooms.col.answers": ("answers", "답한 수"),
    "rooms.col.right_answers": ("right", "맞힌 수"),
    "rooms.col.open": ("run", "실행"),
    "rooms.col.nickname": ("nickname", "닉네임"),
    "rooms.col.answered": ("answered", "답한 질문"),
    "rooms.col.right": ("right predictions", "맞힌 예측"),
    "rooms.col.asked": ("first asked (UTC)", "처음 물은 때 (UTC)"),
    "rooms.open_link": ("open", "열기"),
    "rooms.page.title": ("Study room", "스터디 룸"),
    "rooms.page.intro": (
        "A room lets a study group answer the lab's discussion questions together: every member predicts, the "
        "answers are kept, and after revealing, everyone sees how the room answered next to what the run "
        "measured. Start a room in the sidebar and share the link; members pick a nickname, nothing else.",
        "룸에서는 스터디 그룹이 실험실의 토론 질문에 함께 답합니다. 멤버마다 예측하고, 답은 저장되며, "
        "결과를 본 뒤에는 룸 전체의 답을 이 실행의 측정값과 나란히 봅니다. 사이드바에서 룸을 시작하고 링크를 "
        "공유하세요. 멤버는 닉네임만 정하면 됩니다."),
    "rooms.page.none": ("You are not in a room. Start one in the sidebar, or type the code you were given.",
                        "지금은 룸에 있지 않습니다. 사이드바에서 룸을 시작하거나 받은 코드를 입력하세요."),
    "rooms.page.heading": ("Room `{code}`", "룸 `{code}`"),
    "rooms.page.facts": ("Opened {created} (UTC) · {members} active in the last {minutes} minutes · {state}",
                         "{created} (UTC)에 열림 · 최근 {minutes}분 동안 {members}명 참여 · {state}"),
    "rooms.page.open": ("open", "열려 있음"),
    "rooms.page.closed": ("closed", "닫힘"),
    "rooms.page.questions": ("Questions asked", "물었던 질문"),
    "rooms.page.no_questions": ("No answer yet. Open a page, turn a part's question into a prediction and reveal "
                                "it: the room's answers collect here.",
                                "아직 답이 없습니다. 페이지를 열어 질문에 예측하고 결과를 보면 룸의 답이 여기 "
                                "모입니다."),
    "rooms.page.tally": ("Right predictions per member", "멤버별 맞힌 예측"),
    "rooms.page.tally_help": ("A prediction is right when it matches what the run measured; every recorded "
                              "answer counts, revealed or not.",
                              "예측이 실행의 측정값과 같으면 맞힌 것입니다. 결과를 보았든 아니든 기록된 답은 "
                              "모두 셉니다."),
    "rooms.page.download": ("Download every answer of the room (CSV)", "룸의 모든 답 내려받기 (CSV)"),
    "rooms.owner_title": ("You opened this room", "이 룸을 연 사람"),
    "rooms.owner_help": ("Closing keeps the answers and stops recording new ones; clearing deletes every "
                         "question and answer of the room. Only this browser session can do either.",
                         "닫으면 답은 남고 새 답은 기록하지 않습니다. 비우면 룸의 질문과 답을 모두 지웁니다. "
                         "둘 다 이 브라우저 세션에서만 할 수 있습니다."),
    "rooms.confirm": ("I am sure", "확실합니다"),
    "rooms.close": ("Close the room", "룸 닫기"),
    "rooms.clear": ("Clear all answers", "모든 답 지우기"),
    "rooms.unpin": ("Unpin the run", "실행 고정 풀기"),
}
