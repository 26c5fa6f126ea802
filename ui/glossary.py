"""The Korean terms of the app: one term per concept, and the variants we do not use.

The catalogs (ui/text/*.py) write these terms as they are, so that a Korean reader of a catalog reads the
sentence the page shows (an f-string or a marker per term would make every catalog harder to read, and
`{...}` is already taken by the values `t` fills in). tests/test_korean.py holds every catalog to this table
instead: no Korean text contains a rejected variant, and a Korean text whose English half names a concept
(`english`, a regular expression) uses its term. Changing a term is then: change it here, move the old one to
`rejected`, and the test lists every text to update.

Source: the Korean edition of Dive into Deep Learning (d2l.ai/ko; github.com/d2l-ai/d2l-ko, TERMINOLOGY.md
and the chapters). Where its table and its chapters disagree we follow the chapters' usage (학습률 123 times
against the table's 학습 속도; 과적합 48 times against 오버피팅 2; 에폭, the table's own correction of
에포크). Where d2l-ko has no settled term, or its term would be ambiguous here, `why` says what we chose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    english: str  # the concept in the English catalog: a case-insensitive regular expression
    korean: str  # the one Korean term
    rejected: tuple[str, ...] = ()  # variants no Korean text may contain
    why: str = ""  # where we leave d2l-ko, or choose between its words


GLOSSARY: tuple[Term, ...] = (
    # training
    Term(r"learning rates?", "학습률", ("학습 속도", "러닝레이트", "러닝 레이트", "학습비율", "학습 비율")),
    Term(r"weight decay", "가중치 감쇠", ("가중치 감소", "웨이트 디케이", "체중 감소")),
    Term(r"\bloss(es)?\b", "손실", ("로스",)),
    Term(r"\baccurac(y|ies)\b", "정확도", ("어큐러시", "정확률")),
    Term(r"\bvalidation\b", "검증", ("밸리데이션", "유효성 검사")),
    Term(r"\bgradients?\b(?! descent)", "그래디언트",
         ("그라디언트", "그레디언트", "경사도", "가중치 기울기", "활성값 기울기", "기울기 소실", "기울기 폭발"),
         "d2l-ko uses both 기울기 and 그래디언트 for a gradient; we keep 기울기 for a slope (f'(z), Leaky "
         "ReLU's slope) and 그래디언트 for the gradient, as d2l-ko's table does"),
    Term(r"gradient descent", "경사 하강법", ("기울기 하강", "그래디언트 하강")),
    Term(r"\boverfit", "과적합", ("오버피팅", "과대적합", "과잉적합")),
    Term(r"\bepochs?\b", "에폭", ("에포크", "에퐄")),
    Term(r"\bmini-?batch", "미니배치", ("미니 배치",)),
    Term(r"\bhyper-?parameters?\b", "하이퍼파라미터", ("하이퍼 파라미터", "초매개변수", "초모수")),
    Term(r"(?<!hyper)(?<!hyper-)\bparameters?\b", "파라미터", ("매개변수", "매개 변수"),
         "d2l-ko's table: 파라미터 (its chapters mix in 매개변수)"),
    Term(r"\boptimi[sz]ers?\b", "옵티마이저", ("옵티마이져", "최적화기")),
    Term(r"\bmomentum\b", "모멘텀", ("운동량",)),
    Term(r"\bsaddle point", "안장점", ("새들 포인트",)),
    Term(r"\bschedules?\b", "스케줄", ("스케쥴",)),
    Term(r"\bupdate (rule|ratio)s?\b", "갱신", ("업데이트",)),
    Term(r"(?<!stable )(?<!best )(?<!larger )(?<!default )(?<!second-order )\bsteps?\b(?! (size|decay|are large))(?!,)",
         "단계", ("스텝",), "one update of the weights, as on every chart's axis; a step's size is 보폭"),
    Term(r"\bstep size", "보폭", ("스텝 크기", "단계 크기")),
    Term(r"\bpre-?train", "사전 학습", ("사전 훈련", "사전훈련", "프리트레인")),
    Term(r"\btraining\b", "학습", ("훈련",),
         "d2l-ko writes both 훈련 and 학습; 학습 matches 학습률 and 학습 데이터셋 in its table"),
    Term(r"\bearly stopping\b", "조기 종료", ("얼리 스토핑", "조기 중단", "조기종료")),
    # the network
    Term(r"\bactivation functions?\b", "활성화 함수", ("활성 함수", "액티베이션 함수")),
    Term(r"\bpre-activations?\b", "사전 활성값", ("사전 활성화 값", "전활성값")),
    Term(r"\bactivation (values?|statistics|std)\b", "활성값", ("활성화 값", "활성화값", "활성 값")),
    Term(r"\binitiali[sz]ation\b", "초기화", ("이니셜라이제이션", "초깃값 설정")),
    Term(r"\bhidden layers?\b", "은닉층", ("은닉 층", "히든 레이어", "은닉 레이어")),
    Term(r"\blayers?\b", "층", ("레이어", "계층")),
    Term(r"\bneural net(work)?s?\b", "신경망", ("뉴럴 네트워크", "뉴럴넷", "인공 신경망")),
    Term(r"\bweights?\b", "가중치", ("웨이트",)),
    Term(r"\bbias(es)?\b", "편향", ("바이어스",)),
    Term(r"\bbackprop", "역전파", ("오차역전파", "백프로파게이션", "역전달")),
    Term(r"\bsaturat", "포화", ("새츄레이션",)),
    Term(r"\bhessian\b", "헤시안", ("헤세 행렬", "헷세")),
    # normalization and regularization
    Term(r"\bbatch normali[sz]ation\b", "배치 정규화", ("배치정규화", "배치 노멀라이제이션", "배치 놈")),
    Term(r"\bmoving average|running (average|mean)s?\b", "이동 평균",
         ("이동평균", "러닝 평균", "running 평균", "running 통계", "누적 평균")),
    Term(r"\bregulari[sz]", "규제", ("정칙화", "레귤러라이제이션", "정규화 항"),
         "d2l-ko says 정규화 for regularization too; here 정규화 names normalization (배치 정규화), so "
         "regularization is 규제, as in the Korean edition of Hands-On Machine Learning"),
    Term(r"\bdropout\b", "드롭아웃", ("드롭 아웃", "드랍아웃")),
    Term(r"\bdata augmentation\b", "데이터 증강", ("데이터 확장", "데이터 어그멘테이션", "데이터 부풀리기")),
    Term(r"\bensembles?\b", "앙상블", ("앙상블링",)),
    Term(r"\bnois(e|y)\b", "잡음", ("노이즈",), "d2l-ko's chapters say 잡음"),
    # data
    Term(r"\bfeatures?\b", "특징", ("피처", "특성"),
         "d2l-ko's chapters: 특징 156 times, 특성 51; its table's 특성 was struck out for 피처. One word here"),
    Term(r"(?<!it )\blabel(s|ed)?\b", "레이블", ("라벨",)),
    Term(r"\b(per-sample|samples? (in|of) (the|a|its) batch|one sample)\b", "샘플", ("표본",)),
    Term(r"\btarget (tasks?|data|images?)\b", "타깃", ("타겟",), "the standard loanword spelling (외래어 표기법)"),
    # comparing settings
    Term(r"\btransfer learning\b", "전이 학습", ("전이학습", "트랜스퍼 러닝")),
    Term(r"\bfine-?tun", "미세 조정", ("미세조정", "파인튜닝", "파인 튜닝")),
    Term(r"\brandom search\b", "무작위 탐색", ("랜덤 서치", "랜덤 탐색")),
    Term(r"\bgrid search\b", "격자 탐색", ("그리드 서치", "그리드 탐색")),
)


def term(english: str) -> str:
    """The Korean term for an English phrase ('learning rate' -> '학습률'); KeyError when no concept matches."""
    for entry in GLOSSARY:
        if re.search(entry.english, english, flags=re.IGNORECASE):
            return entry.korean
    raise KeyError(english)
