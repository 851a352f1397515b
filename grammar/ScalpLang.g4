// ScalpLang: declarative scalping strategies over a limit order book.
// The language reference is grammar/README.md; this file is its syntax, nothing more.
// Every declaration starts with a keyword, so the parser can resynchronise on the next one
// after a mistake. Names of kinds (exit take_profit, risk max_position, param types) are plain
// identifiers checked by the binder, which can then suggest the right spelling.
grammar ScalpLang;

file
    : declaration* EOF
    ;

declaration
    : importDecl
    | strategyDecl
    | instrumentDecl
    | bookDecl
    | paramDecl
    | signalDecl
    | modelDecl
    | executionDecl
    | filterDecl
    | ruleDecl
    | exitDecl
    | riskDecl
    | intrinsicDecl
    ;

importDecl     : IMPORT STRING ;
strategyDecl   : STRATEGY identifier ;
instrumentDecl : INSTRUMENT STRING instrumentField* ;
instrumentField
    : TICKS NUMBER          # tickSizeField
    | LOTS NUMBER           # lotSizeField
    | CURRENCY identifier   # currencyField
    ;
bookDecl       : BOOK DEPTH NUMBER ;

paramDecl      : PARAM identifier ':' typeRef '=' expr (IN range)? ;
range          : lower=additive RANGE upper=additive ;
signalDecl     : SIGNAL identifier (':' typeRef)? '=' expr ;
modelDecl      : MODEL identifier '=' STRING FEATURES '[' (expr (',' expr)*)? ']' ;
executionDecl  : EXECUTION identifier '=' sliceAlgo ;
filterDecl     : FILTER identifier WHEN expr ;
ruleDecl       : RULE identifier (PRIORITY NUMBER)? WHEN expr ARROW action ;
exitDecl       : EXIT identifier (WHEN expr ARROW action | expr) ;
riskDecl       : RISK identifier (WHEN expr ARROW action | expr (PER expr)?) ;

// Declares a function or value implemented by the runtime (standard library only).
intrinsicDecl  : INTRINSIC identifier ('(' (intrinsicParam (',' intrinsicParam)*)? ')')? ':' typeRef ;
intrinsicParam : identifier ':' typeRef ('=' expr)? ;

typeRef        : identifier | TICKS | LOTS ;

action
    : side=(BUY | SELL) quantity=expr AT orderPrice (VIA executionRef)?   # tradeAction
    | (WAIT | HOLD)                                                      # waitAction
    | CANCEL_ALL                                                         # cancelAllAction
    | FLATTEN (THEN WAIT expr)?                                          # flattenAction
    | KILL                                                               # killAction
    ;
orderPrice
    : MARKET                # marketPrice
    | expr                  # limitPrice
    ;
executionRef
    : sliceAlgo             # inlineExecution
    | identifier            # namedExecution
    ;
sliceAlgo      : algo=(TWAP | VWAP) OVER expr SLICES expr ;

// Expressions, loosest binding first. Comparisons do not chain.
expr           : orExpr ;
orExpr         : andExpr (OR andExpr)* ;
andExpr        : notExpr (AND notExpr)* ;
notExpr        : NOT notExpr | comparison ;
comparison     : additive (op=(LT | LE | GT | GE | EQ | NE) additive)? ;
additive       : multiplicative (op+=(PLUS | MINUS) multiplicative)* ;
multiplicative : unary (op+=(STAR | SLASH) unary)* ;
unary          : MINUS unary | primary ;
primary
    : NUMBER unit=(TICKS | LOTS)?                  # numberLiteral
    | DURATION                                     # durationLiteral
    | PERCENT                                      # percentLiteral
    | BPS                                          # bpsLiteral
    | (TRUE | FALSE)                               # boolLiteral
    | identifier '(' (argument (',' argument)*)? ')' # callExpr
    | identifier                                   # nameExpr
    | '(' expr ')'                                 # parenExpr
    ;
argument       : (identifier ':')? expr ;

// Words that are keywords in one place but ordinary names elsewhere (depth(...) is a stdlib
// function; vwap(...) a stdlib signal; currency codes are names).
identifier     : IDENTIFIER | DEPTH | TWAP | VWAP | CURRENCY | FEATURES | OVER | SLICES | PER | PRIORITY ;

// ---- lexer ----
IMPORT     : 'import' ;
STRATEGY   : 'strategy' ;
INSTRUMENT : 'instrument' ;
BOOK       : 'book' ;
DEPTH      : 'depth' ;
CURRENCY   : 'currency' ;
PARAM      : 'param' ;
SIGNAL     : 'signal' ;
MODEL      : 'model' ;
FEATURES   : 'features' ;
EXECUTION  : 'execution' ;
FILTER     : 'filter' ;
RULE       : 'rule' ;
PRIORITY   : 'priority' ;
EXIT       : 'exit' ;
RISK       : 'risk' ;
INTRINSIC  : 'intrinsic' ;
WHEN       : 'when' ;
PER        : 'per' ;
IN         : 'in' ;
BUY        : 'buy' ;
SELL       : 'sell' ;
AT         : 'at' ;
MARKET     : 'market' ;
VIA        : 'via' ;
WAIT       : 'wait' ;
HOLD       : 'hold' ;
CANCEL_ALL : 'cancel_all' ;
FLATTEN    : 'flatten' ;
THEN       : 'then' ;
KILL       : 'kill' ;
TWAP       : 'twap' ;
VWAP       : 'vwap' ;
OVER       : 'over' ;
SLICES     : 'slices' ;
AND        : 'and' ;
OR         : 'or' ;
NOT        : 'not' ;
TRUE       : 'true' ;
FALSE      : 'false' ;
TICKS      : 'ticks' | 'tick' ;
LOTS       : 'lots' | 'lot' ;

ARROW      : '=>' ;
RANGE      : '..' ;
LE         : '<=' ;
GE         : '>=' ;
EQ         : '==' ;
NE         : '!=' ;
LT         : '<' ;
GT         : '>' ;
PLUS       : '+' ;
MINUS      : '-' ;
STAR       : '*' ;
SLASH      : '/' ;
ASSIGN     : '=' ;
COLON      : ':' ;
COMMA      : ',' ;
LPAREN     : '(' ;
RPAREN     : ')' ;
LBRACK     : '[' ;
RBRACK     : ']' ;

// A unit glued to a number is one token: 500ms, 0.5%, 3bps. Longest match keeps 5s apart from 5 slices.
DURATION   : DIGITS ('.' DIGITS)? ('ns' | 'us' | 'ms' | 's' | 'min' | 'h') ;
PERCENT    : DIGITS ('.' DIGITS)? '%' ;
BPS        : DIGITS ('.' DIGITS)? 'bps' ;
NUMBER     : DIGITS ('.' DIGITS)? ;
STRING     : '"' (~["\\\r\n] | '\\' ["\\])* '"' ;
UNTERMINATED_STRING : '"' (~["\\\r\n] | '\\' ["\\])* ;
IDENTIFIER : [a-zA-Z_] [a-zA-Z_0-9]* ;

LINE_COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
UNTERMINATED_COMMENT : '/*' (~'*' | '*'+ ~[*/])* '*'* EOF ;
WS            : [ \t\r\n\f]+ -> channel(HIDDEN) ;
// Anything else is one bad character; the front end reports it (SL1001) and drops it.
BAD_CHAR      : . ;

fragment DIGITS : [0-9] ('_'? [0-9])* ;
