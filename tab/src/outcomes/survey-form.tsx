import {
  Body1,
  Button,
  Caption1,
  Card,
  makeStyles,
  Radio,
  RadioGroup,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import type { MySurveyView } from '../api/index.js';
import { column, formatDate, HomeButton, layoutStyles, Notice, ProblemBar } from '../ui/index.js';
import { useSurveyForm } from './use-survey-form.js';

const useStyles = makeStyles({
  ...layoutStyles,
  form: column(tokens.spacingVerticalL),
  dimension: column(tokens.spacingVerticalM),
  item: { ...column(tokens.spacingVerticalXS), margin: 0, padding: 0, border: 'none' },
  prompt: { padding: 0 },
  scale: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalXS },
  ends: {
    display: 'flex',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    color: tokens.colorNeutralForeground2,
    maxWidth: '360px',
  },
});

/** The survey's statements on their scales, and Send; read-only once the survey has closed. */
export function SurveyForm(props: { survey: MySurveyView; onSaved(): void }) {
  const styles = useStyles();
  const s = props.survey;
  const { answers, answer, readOnly, missing, saving, error, save } = useSurveyForm(
    s,
    props.onSaved,
  );
  const scale = s.instrument.items[0]?.scale;

  return (
    <form
      className={styles.form}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Notice>
        Your answers are readable by you only. HR sees averages over groups of at least 5 people,
        never what you said.
        {s.closesAt !== null &&
          (readOnly
            ? ` This survey closed on ${formatDate(s.closesAt)}.`
            : ` You can change your answers until ${formatDate(s.closesAt)}.`)}
      </Notice>
      {scale !== undefined && (
        <Body1>
          For each statement, pick {scale.min} ({scale.minLabel}) to {scale.max} ({scale.maxLabel}).
        </Body1>
      )}
      {s.instrument.dimensions.map((d) => (
        <Card key={d.key} className={styles.dimension}>
          <Subtitle2 as="h2">{d.label}</Subtitle2>
          {s.instrument.items
            .filter((i) => i.dimension === d.key)
            .map((item) => {
              const points = Array.from(
                { length: item.scale.max - item.scale.min + 1 },
                (_, k) => item.scale.min + k,
              );
              const id = `item-${item.key}`;
              return (
                <fieldset key={item.key} className={styles.item}>
                  <legend className={styles.prompt} id={id}>
                    <Body1>{item.prompt}</Body1>
                  </legend>
                  <RadioGroup
                    aria-labelledby={id}
                    layout="horizontal"
                    className={styles.scale}
                    disabled={readOnly}
                    value={answers[item.key] === undefined ? '' : String(answers[item.key])}
                    onChange={(_e, data) => answer(item.key, Number(data.value))}
                  >
                    {points.map((p) => (
                      <Radio
                        key={p}
                        value={String(p)}
                        label={String(p)}
                        aria-label={
                          p === item.scale.min
                            ? `${p}, ${item.scale.minLabel}`
                            : p === item.scale.max
                              ? `${p}, ${item.scale.maxLabel}`
                              : String(p)
                        }
                      />
                    ))}
                  </RadioGroup>
                  <Caption1 className={styles.ends} aria-hidden="true">
                    <span>{item.scale.minLabel}</span>
                    <span>{item.scale.maxLabel}</span>
                  </Caption1>
                </fieldset>
              );
            })}
        </Card>
      ))}
      {error !== undefined && <ProblemBar error={error} />}
      {!readOnly && (
        <div className={styles.actions}>
          <Button appearance="primary" type="submit" disabled={missing > 0 || saving}>
            {s.answeredAt === null ? 'Send my answers' : 'Save my changes'}
          </Button>
          {missing > 0 && (
            <Caption1 className={styles.muted} aria-live="polite">
              {missing} statement{missing === 1 ? '' : 's'} left to answer
            </Caption1>
          )}
          <HomeButton>Back to Home</HomeButton>
        </div>
      )}
    </form>
  );
}
