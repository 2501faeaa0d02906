import { choiceButton } from './styles';

/**
 * A row of toggle buttons for choosing one of a few (a view, a list, a length): the chosen one is pressed
 * (`aria-pressed`, a weight and a colour), and the row is a group named by `label` or by the element `labelledBy`.
 */
export function ChoiceGroup<T extends string | number>({
  choices,
  chosen,
  name,
  onChoose,
  label,
  labelledBy,
}: {
  choices: readonly T[];
  chosen: T | null | undefined;
  /** What a choice's button says. */
  name: (choice: T) => string;
  onChoose: (choice: T) => void;
  label?: string;
  labelledBy?: string;
}) {
  return (
    <div role="group" aria-label={label} aria-labelledby={labelledBy} className="flex flex-wrap gap-2">
      {choices.map((choice) => (
        <button
          key={choice}
          type="button"
          aria-pressed={choice === chosen}
          className={choiceButton(choice === chosen)}
          onClick={() => {
            onChoose(choice);
          }}
        >
          {name(choice)}
        </button>
      ))}
    </div>
  );
}
